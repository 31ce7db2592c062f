//! Changes to a stored message: edits, deletions and reactions.
use super::super::Tx;

use super::{by_id, next_seq, Applied, Kind, React};
use crate::{model::message::Formatted, AppError};

/// The parts of a stored message a change is checked against.
#[derive(sqlx::FromRow)]
pub(super) struct Target {
    pub id: i64,
    pub author_id: i64,
    pub recipient_id: Option<i64>,
}

/// The message numbered `message_seq` in the room, if it is still there and `by` may see it.
async fn target(
    tx: &mut Tx,
    room_id: i64,
    message_seq: i64,
    by: i64,
) -> Result<Option<Target>, AppError> {
    Ok(on!(tx, |t| sqlx::query_as(
        "SELECT id, author_id, recipient_id FROM messages
         WHERE room_id = $1 AND seq = $2 AND deleted_at IS NULL
           AND (recipient_id IS NULL OR author_id = $3 OR recipient_id = $3)",
    )
    .bind(room_id)
    .bind(message_seq)
    .bind(by)
    .fetch_optional(&mut **t)
    .await)?)
}

/// Edits (with new text) or deletes (without) a message that is still there and that `by` may
/// see, if `allowed` says so. Someone else's private message is not there for anyone else, so
/// it answers as missing, not as forbidden (which would tell it exists).
pub(super) async fn update(
    tx: &mut Tx,
    (room_id, message_seq, by): (i64, i64, i64),
    allowed: impl Fn(&Target) -> Option<Kind>,
    text: Option<(&str, &Formatted)>,
) -> Result<Result<Applied, AppError>, AppError> {
    let target = target(tx, room_id, message_seq, by).await?;
    let Some(target) = target else {
        return Ok(Err(AppError::MessageNotFound));
    };
    let Some(kind) = allowed(&target) else {
        return Ok(Err(AppError::NotYours));
    };
    let seq = next_seq(&mut *tx, room_id).await?;
    // A deletion empties the text (the row stays for replays).
    let (body, html, mentioned, when) = match text {
        Some((body, formatted)) => (body, &*formatted.html, &*formatted.mentioned, "edited_at"),
        None => ("", "", &[][..], "deleted_at"),
    };
    let statement = format!(
        "UPDATE messages SET body = $1, html = $2, mentioned = $3, {when} = $4, changed_seq = $5
         WHERE id = $6"
    );
    let now = super::super::now_text();
    on!(&mut *tx, |t| sqlx::query(&statement)
        .bind(body)
        .bind(html)
        .bind(sqlx::types::Json(mentioned))
        .bind(&now)
        .bind(seq)
        .bind(target.id)
        .execute(&mut **t)
        .await
        .map(|done| done.rows_affected()))?;
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
    tx: &mut Tx,
    react: &React,
) -> Result<Result<Applied, AppError>, AppError> {
    let target = target(tx, react.room_id, react.message_seq, react.user_id).await?;
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
    on!(&mut *tx, |t| sqlx::query(
        "UPDATE messages SET changed_seq = $1 WHERE id = $2"
    )
    .bind(seq)
    .bind(target.id)
    .execute(&mut **t)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(Ok(Applied {
        message: by_id(&mut *tx, target.id).await?,
        is_new: true,
        kind: Kind::Reacted,
        event_seq: seq,
        pair: target.recipient_id.map(|r| (target.author_id, r)),
    }))
}
