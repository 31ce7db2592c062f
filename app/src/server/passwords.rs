//! argon2id at OWASP's recommended parameters (19 MiB, 2 passes, 1 lane), run off the async
//! runtime because each hash takes tens of milliseconds of CPU.
use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

use crate::AppError;

fn argon2id() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub async fn hash(password: String) -> Result<String, AppError> {
    blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2id()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| {
                tracing::error!(error = %e, "hashing a password failed");
                AppError::Internal
            })
    })
    .await
}

/// Whether `password` matches `stored`. A malformed stored hash counts as no match.
pub async fn verify(password: String, stored: String) -> Result<bool, AppError> {
    blocking(move || {
        Ok(PasswordHash::new(&stored)
            .map(|parsed| {
                argon2id()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false))
    })
    .await
}

/// Spends the same time as a real check, so a missing account cannot be told apart by timing.
pub async fn verify_against_nothing(password: String) -> Result<(), AppError> {
    const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Vz1ceBFVtNC9VYVi6UMCv/vfxZAl2Kq7Sms0bMzn4kI";
    verify(password, DECOY.into()).await.map(|_| ())
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "password task failed");
        AppError::Internal
    })?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let stored = hash("correct horse".into()).await.unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("correct horse".into(), stored.clone())
            .await
            .unwrap());
        assert!(!verify("wrong horse".into(), stored).await.unwrap());
    }

    #[tokio::test]
    async fn the_same_password_gets_a_different_salt_each_time() {
        let a = hash("パスワード12345".into()).await.unwrap();
        let b = hash("パスワード12345".into()).await.unwrap();
        assert_ne!(a, b);
    }

    #[tokio::test]
    async fn a_malformed_stored_hash_never_matches() {
        assert!(!verify("anything".into(), "not-a-hash".into())
            .await
            .unwrap());
    }
}
