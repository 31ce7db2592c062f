use sqlx::SqlitePool;

use crate::{model::Room, AppError};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RoomRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub last_seq: i64,
}

impl RoomRow {
    pub fn public(&self) -> Room {
        Room {
            slug: self.slug.clone(),
            name: self.name.clone(),
        }
    }
}

pub async fn by_slug_or_404(pool: &SqlitePool, slug: &str) -> Result<RoomRow, AppError> {
    sqlx::query_as("SELECT id, slug, name, last_seq FROM rooms WHERE slug = ?")
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::RoomNotFound)
}
