//! Message search (FTS5 with the trigram tokenizer; see the migration for why).
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::messages::SELECT_MESSAGE;
use crate::{model::Message, AppError};

/// The newest `limit` messages `reader` may read that contain every term (case-insensitive
/// for ASCII). Terms of three characters or more use the index; shorter ones are matched by
/// scanning the indexed text, so `会話` still finds 「今日の会話は楽しい」.
pub async fn messages(
    pool: &SqlitePool,
    reader: i64,
    terms: &[String],
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
        "{SELECT_MESSAGE} JOIN message_search s ON s.rowid = m.id
         WHERE m.deleted_at IS NULL
           AND (m.recipient_id IS NULL OR m.author_id = "
    ));
    query.push_bind(reader);
    query.push(" OR m.recipient_id = ");
    query.push_bind(reader);
    query.push(") AND (r.kind = 'public' OR EXISTS (SELECT 1 FROM memberships mb WHERE mb.room_id = r.id AND mb.user_id = ");
    query.push_bind(reader);
    query.push("))");
    let (indexed, short): (Vec<&String>, Vec<&String>) =
        terms.iter().partition(|t| t.chars().count() >= 3);
    if !indexed.is_empty() {
        // Each term a quoted phrase (quotes doubled), all required.
        let phrases: Vec<String> = indexed
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect();
        query.push(" AND message_search MATCH ");
        query.push_bind(phrases.join(" "));
    }
    for term in short {
        let escaped = term
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        query.push(" AND s.body LIKE ");
        query.push_bind(format!("%{escaped}%"));
        query.push(" ESCAPE '\\'");
    }
    query.push(" ORDER BY m.id DESC LIMIT ");
    query.push_bind(limit);
    Ok(query.build_query_as().fetch_all(pool).await?)
}
