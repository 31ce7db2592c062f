use sqlx::SqlitePool;

use crate::{model::Me, AppError};

pub async fn insert(
    pool: &SqlitePool,
    username: &str,
    display_name: &str,
    password_hash: &str,
) -> Result<Me, AppError> {
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO users (username, display_name, password_hash) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(username)
    .bind(display_name)
    .bind(password_hash)
    .fetch_one(pool)
    .await;
    match inserted {
        Ok(id) => Ok(Me {
            id,
            username: username.into(),
            display_name: display_name.into(),
        }),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(AppError::UsernameTaken),
        Err(e) => Err(e.into()),
    }
}

/// The account and its password hash, for signing in.
pub async fn with_password_hash(
    pool: &SqlitePool,
    username: &str,
) -> Result<Option<(Me, String)>, AppError> {
    let row = sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT id, username, display_name, password_hash FROM users WHERE username = ?",
    )
    .bind(username)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id, username, display_name, hash)| {
        (
            Me {
                id,
                username,
                display_name,
            },
            hash,
        )
    }))
}
