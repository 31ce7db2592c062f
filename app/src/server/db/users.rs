use super::Store;

use crate::{model::Me, AppError};

/// Stores a new account and puts it in `general`. The first account of an install with a
/// password is its admin (guests and bots have none).
pub async fn insert(
    pool: &Store,
    username: &str,
    display_name: &str,
    password_hash: &str,
) -> Result<Me, AppError> {
    let mut tx = pool.begin_serial().await?;
    let inserted = on!(&mut tx, |t| sqlx::query_as::<_, Me>(
        "INSERT INTO users (username, display_name, password_hash, is_admin)
         VALUES ($1, $2, $3, NOT EXISTS (SELECT 1 FROM users WHERE password_hash != ''))
         RETURNING id, username, display_name, is_admin",
    )
    .bind(username)
    .bind(display_name)
    .bind(password_hash)
    .fetch_one(&mut **t)
    .await);
    let me = match inserted {
        Ok(me) => me,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::UsernameTaken)
        }
        Err(e) => return Err(e.into()),
    };
    on!(&mut tx, |t| sqlx::query(
        "INSERT INTO memberships (room_id, user_id, last_read_seq)
         SELECT id, $1, last_seq FROM rooms WHERE slug = 'general'",
    )
    .bind(me.id)
    .execute(&mut **t)
    .await
    .map(|done| done.rows_affected()))?;
    tx.commit().await?;
    Ok(me)
}

/// An account as signing in sees it.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    #[sqlx(flatten)]
    pub me: Me,
    pub password_hash: String,
    pub deactivated: bool,
}

/// The account, its password hash and whether an admin deactivated it, for signing in.
pub async fn with_password_hash(
    pool: &Store,
    username: &str,
) -> Result<Option<Credentials>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(
        "SELECT id, username, display_name, is_admin, password_hash,
            deactivated_at IS NOT NULL AS deactivated
         FROM users WHERE username = $1 AND deleted_at IS NULL AND password_hash != ''",
    )
    .bind(username)
    .fetch_optional(p)
    .await)?)
}

/// Someone by username, as a member list would show them.
pub async fn by_username(
    pool: &Store,
    username: &str,
) -> Result<Option<crate::model::Member>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(
        "SELECT id, username, display_name FROM users WHERE username = $1"
    )
    .bind(username.trim())
    .fetch_optional(p)
    .await)?)
}

/// Admins whose accounts are not deleted.
pub async fn admin_count(pool: &Store) -> Result<i64, AppError> {
    Ok(on!(pool, |p| sqlx::query_scalar(
        "SELECT count(*) FROM users
             WHERE is_admin AND deleted_at IS NULL AND deactivated_at IS NULL",
    )
    .fetch_one(p)
    .await)?)
}
