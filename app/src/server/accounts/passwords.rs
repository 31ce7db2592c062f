//! argon2id at OWASP's recommended parameters (19 MiB, 2 passes, 1 lane), run on dedicated
//! threads because each hash takes tens of milliseconds of CPU.
use std::sync::{
    mpsc::{sync_channel, SyncSender},
    Arc, Mutex, OnceLock,
};

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

/// Password work runs on two dedicated threads with a bounded queue, not on the async runtime
/// and not on tokio's blocking pool: each hash takes 19 MiB, and on the blocking pool every
/// thread's allocator arena would keep its own copy (hundreds of MiB after a burst of sign-ins).
/// Two workers also cap the CPU a flood of sign-in attempts can take.
const WORKERS: usize = 2;
const QUEUE: usize = 256;

type Job = Box<dyn FnOnce() + Send>;

fn workers() -> &'static SyncSender<Job> {
    static SENDER: OnceLock<SyncSender<Job>> = OnceLock::new();
    SENDER.get_or_init(|| {
        let (sender, receiver) = sync_channel::<Job>(QUEUE);
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..WORKERS {
            let receiver = receiver.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("passwords-{n}"))
                .spawn(move || loop {
                    let job = match receiver.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a password worker");
            }
        }
        sender
    })
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let (done, result) = tokio::sync::oneshot::channel();
    workers()
        .try_send(Box::new(move || {
            let _ = done.send(work());
        }))
        .map_err(|_| AppError::Busy)?;
    result.await.map_err(|_| AppError::Internal)?
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
