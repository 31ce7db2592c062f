//! Signing up and signing in: validate → hash/verify → database.
//!
//! The accounts wing: signing up and in (here, `sign_in`, `passwords` and its `sign_in_throttle`),
//! `sessions`, API tokens (`api_tokens`), who a request is (`callers`), browsers that signed in
//! before (`known_devices`), one's own `account_settings`, people's pages (`people`), `admin`
//! work, and `credential_changes` reaching running servers (through `live`'s hub). It calls
//! `live` and `db`; what it needs of a request (an address, headers, a `Retry-After`) the web
//! edge hands it as a `sign_in::Knock`.

pub mod account_settings;
pub mod admin;
pub mod api_tokens;
pub mod callers;
pub mod credential_changes;
pub mod known_devices;
pub mod passwords;
pub mod people;
pub mod sessions;
pub mod sign_in;
pub mod sign_in_throttle;

use crate::server::db::Store;

use crate::server::db;
use crate::{model::Me, rules, AppError};

pub async fn sign_up(
    pool: &Store,
    username: &str,
    display_name: &str,
    password: &str,
) -> Result<Me, AppError> {
    let username = rules::username(username)?;
    let display_name = rules::display_name(display_name)?;
    let hash = passwords::hash(rules::password(password)?.to_owned()).await?;
    db::users::insert(pool, &username, &display_name, &hash).await
}

pub async fn sign_in(pool: &Store, username: &str, password: &str) -> Result<Me, AppError> {
    let found = db::users::with_password_hash(pool, username.trim()).await?;
    let Some(account) = found else {
        passwords::verify_against_nothing(password.to_owned()).await?;
        return Err(AppError::WrongCredentials);
    };
    if !passwords::verify(password.to_owned(), account.password_hash).await? {
        return Err(AppError::WrongCredentials);
    }
    // Said only to someone who knows the password.
    match account.deactivated {
        true => Err(AppError::Deactivated),
        false => Ok(account.me),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Invalid;
    use sqlx::SqlitePool;

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn a_new_account_can_sign_in_with_its_password(pool: SqlitePool) {
        let pool = crate::server::db::Store::for_tests(pool).await;
        let made = sign_up(&pool, "hanako", "山田 花子", "秘密のパスワード")
            .await
            .unwrap();
        assert_eq!(made.display_name, "山田 花子");
        let signed_in = sign_in(&pool, "hanako", "秘密のパスワード").await.unwrap();
        assert_eq!(signed_in, made);
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn a_wrong_password_or_unknown_name_is_refused_alike(pool: SqlitePool) {
        let pool = crate::server::db::Store::for_tests(pool).await;
        sign_up(&pool, "alice", "Alice", "password-1")
            .await
            .unwrap();
        assert_eq!(
            sign_in(&pool, "alice", "password-2").await,
            Err(AppError::WrongCredentials)
        );
        assert_eq!(
            sign_in(&pool, "nobody", "password-1").await,
            Err(AppError::WrongCredentials)
        );
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn a_taken_username_is_refused_and_the_first_account_kept(pool: SqlitePool) {
        let pool = crate::server::db::Store::for_tests(pool).await;
        sign_up(&pool, "alice", "Alice", "password-1")
            .await
            .unwrap();
        assert_eq!(
            sign_up(&pool, "alice", "Other", "password-2").await,
            Err(AppError::UsernameTaken)
        );
        assert!(sign_in(&pool, "alice", "password-1").await.is_ok());
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn invalid_fields_are_refused_before_anything_is_stored(pool: SqlitePool) {
        let pool = crate::server::db::Store::for_tests(pool).await;
        assert_eq!(
            sign_up(&pool, "A!", "x", "password-1").await,
            Err(AppError::Invalid(Invalid::Username))
        );
        assert_eq!(
            sign_up(&pool, "bob", "", "password-1").await,
            Err(AppError::Invalid(Invalid::DisplayName))
        );
        assert_eq!(
            sign_up(&pool, "bob", "Bob", "short").await,
            Err(AppError::Invalid(Invalid::Password))
        );
        let users: i64 =
            crate::server::db::on!(&pool, |p| sqlx::query_scalar("SELECT count(*) FROM users")
                .fetch_one(p)
                .await)
            .unwrap();
        assert_eq!(users, 0);
    }
}
