//! Changes to a stored message: edits, deletions and reactions.
use sqlx::SqliteConnection;

use super::{by_id, next_seq, Applied, Kind, React};
use crate::{model::message::Formatted, AppError};

/// The parts of a stored message a change is checked against.
#[derive(sqlx::FromRow)]
pub(super) struct Target {
    pub id: i64,
    pub author_id: i64,
    pub recipient_id: Option<i64>,
}

/// Edits (with new text) or deletes (without) a message that is still there and that `by` may
/// see, if `allowed` says so. Someone else's private message is not there for anyone else, so
/// it answers as missing, not as forbidden (which would tell it exists).
pub(super) async fn update(
    tx: &mut SqliteConnection,
    (room_id, message_seq, by): (i64, i64, i64),
    allowed: impl Fn(&Target) -> Option<Kind>,
    text: Option<(&str, &Formatted)>,
) -> Result<Result<Applied, AppError>, AppError> {
    let target: Option<Target> = sqlx::query_as(
        "SELECT id, author_id, recipient_id FROM messages
         WHERE room_id = ?1 AND seq = ?2 AND deleted_at IS NULL
           AND (recipient_id IS NULL OR author_id = ?3 OR recipient_id = ?3)",
    )
    .bind(room_id)
    .bind(message_seq)
    .bind(by)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(target) = target else {
        return Ok(Err(AppError::MessageNotFound));
    };
    let Some(kind) = allowed(&target) else {
        return Ok(Err(AppError::NotYours));
    };
    let seq = next_seq(&mut *tx, room_id).await?;
    let now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
    let statement = match text {
        Some(_) => format!(
            "UPDATE messages SET body = ?, html = ?, mentioned = ?, edited_at = {now},
                changed_seq = ? WHERE id = ?"
        ),
        None => format!(
            "UPDATE messages SET body = '', html = '', mentioned = '[]', deleted_at = {now},
                changed_seq = ? WHERE id = ?"
        ),
    };
    let mut query = sqlx::query(&statement);
    if let Some((body, formatted)) = text {
        query = query
            .bind(body)
            .bind(&formatted.html)
            .bind(sqlx::types::Json(&formatted.mentioned));
    }
    query.bind(seq).bind(target.id).execute(&mut *tx).await?;
    Ok(Ok(Applied {
        message: by_id(&mut *tx, target.id).await?,
        is_new: true,
        kind,
        event_seq: seq,
        pair: target.recipient_id.map(|r| (target.author_id, r)),
    }))
}

/// Sets a reaction on a message the reactor may see; a change is a room event.
pub(super) async fn reaction(
    tx: &mut SqliteConnection,
    react: &React,
) -> Result<Result<Applied, AppError>, AppError> {
    let target: Option<Target> = sqlx::query_as(
        "SELECT id, author_id, recipient_id FROM messages
         WHERE room_id = ?1 AND seq = ?2 AND deleted_at IS NULL
           AND (recipient_id IS NULL OR author_id = ?3 OR recipient_id = ?3)",
    )
    .bind(react.room_id)
    .bind(react.message_seq)
    .bind(react.user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(target) = target else {
        return Ok(Err(AppError::MessageNotFound));
    };
    let reactions = crate::server::db::reactions::set;
    if !reactions(&mut *tx, target.id, react.user_id, &react.emoji, react.want).await? {
        let message = by_id(&mut *tx, target.id).await?;
        return Ok(Ok(Applied {
            event_seq: message.changed.max(message.seq),
            message,
            is_new: false,
            kind: Kind::Reacted,
            pair: None,
        }));
    }
    let seq = next_seq(&mut *tx, react.room_id).await?;
    sqlx::query("UPDATE messages SET changed_seq = ? WHERE id = ?")
        .bind(seq)
        .bind(target.id)
        .execute(&mut *tx)
        .await?;
    Ok(Ok(Applied {
        message: by_id(&mut *tx, target.id).await?,
        is_new: true,
        kind: Kind::Reacted,
        event_seq: seq,
        pair: target.recipient_id.map(|r| (target.author_id, r)),
    }))
}
