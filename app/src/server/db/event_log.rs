//! The write side of the room event log: posts, edits and deletions, applied in groups by the
//! writer. Each new event takes its room's next sequence number in the same transaction.
use super::{Store, Tx};

use super::messages::SELECT_MESSAGE;
use crate::{
    error::Invalid,
    model::{message::Formatted, Message},
    AppError,
};

/// A change to a room, as the writer applies it.
#[derive(Clone, Debug)]
pub enum Change {
    Post(NewMessage),
    Edit(Edit),
    Delete(Delete),
    React(React),
}

/// Adding an emoji reaction (`want: Some(true)`), taking it back (`Some(false)`), or either
/// (`None`: a toggle, as the button does). Applied in the writer's order, so two at once
/// cannot undo each other; one that changes nothing is no event.
#[derive(Clone, Debug)]
pub struct React {
    pub room_id: i64,
    pub message_seq: i64,
    pub user_id: i64,
    pub emoji: String,
    pub want: Option<bool>,
}

impl Change {
    pub fn room_id(&self) -> i64 {
        match self {
            Change::Post(new) => new.room_id,
            Change::Edit(edit) => edit.room_id,
            Change::Delete(delete) => delete.room_id,
            Change::React(react) => react.room_id,
        }
    }
}

/// A message to store.
#[derive(Clone, Debug)]
pub struct NewMessage {
    pub room_id: i64,
    pub author_id: i64,
    pub client_id: String,
    pub body: String,
    pub formatted: Formatted,
    /// A private message's recipient, who must be a member of the room.
    pub recipient_id: Option<i64>,
}

/// New text for a message, by its author.
#[derive(Clone, Debug)]
pub struct Edit {
    pub room_id: i64,
    pub message_seq: i64,
    pub editor_id: i64,
    pub body: String,
    pub formatted: Formatted,
}

/// Removing a message, by its author or (`as_admin`) an admin.
#[derive(Clone, Debug)]
pub struct Delete {
    pub room_id: i64,
    pub message_seq: i64,
    pub by: i64,
    pub as_admin: bool,
}

/// What a change did. `event_seq` is the room event number it took (none for a repeat).
#[derive(Clone, Debug)]
pub struct Applied {
    pub message: Message,
    pub is_new: bool,
    pub kind: Kind,
    pub event_seq: i64,
    /// Author and recipient of a private message: only they hear of the change.
    pub pair: Option<(i64, i64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Posted,
    Edited,
    Reacted,
    Deleted,
}

/// Applies a group of changes in one transaction (group commit). A post is stored once per
/// (author, client id); a repeat gets back the message stored the first time and uses up no
/// number. Membership and authorship are checked here, in the transaction, so nothing lands
/// after its author left the room.
///
/// `notes` say what to tell other instances about what was applied (on PostgreSQL it is sent
/// with `NOTIFY` in the same transaction, so it arrives in commit order, and only if it
/// commits).
pub async fn apply_group(
    pool: &Store,
    group: &[Change],
    notes: impl FnOnce(&[Result<Applied, AppError>]) -> Vec<String>,
) -> Result<Vec<Result<Applied, AppError>>, AppError> {
    let rooms: Vec<i64> = group.iter().map(Change::room_id).collect();
    let mut tx = pool.begin_for_rooms(&rooms).await?;
    let mut applied = Vec::with_capacity(group.len());
    for change in group {
        applied.push(match change {
            Change::Post(new) => post(&mut tx, new).await?,
            Change::Edit(edit) => {
                update(
                    &mut tx,
                    (edit.room_id, edit.message_seq, edit.editor_id),
                    |m| (m.author_id == edit.editor_id).then_some(Kind::Edited),
                    Some((&edit.body, &edit.formatted)),
                )
                .await?
            }
            Change::Delete(delete) => {
                update(
                    &mut tx,
                    (delete.room_id, delete.message_seq, delete.by),
                    |m| (m.author_id == delete.by || delete.as_admin).then_some(Kind::Deleted),
                    None,
                )
                .await?
            }
            Change::React(react) => reaction(&mut tx, react).await?,
        });
    }
    for note in notes(&applied) {
        tx.notify(&note).await?;
    }
    tx.commit().await?;
    Ok(applied)
}

async fn post(tx: &mut Tx, new: &NewMessage) -> Result<Result<Applied, AppError>, AppError> {
    // One round trip for what a post must know first: the message stored earlier under its
    // client id (a retry carries the same id and the same message; another message under a
    // used id would otherwise vanish into the first one), and whether the author, and a
    // private message's recipient, are members of the room.
    let (existing, same, author, recipient): (Option<i64>, Option<bool>, bool, bool) =
        on!(&mut *tx, |t| {
            sqlx::query_as(
                "SELECT earlier.id, earlier.same,
                        EXISTS (SELECT 1 FROM memberships WHERE room_id = $3 AND user_id = $1),
                        $5 IS NULL
                        OR EXISTS (SELECT 1 FROM memberships WHERE room_id = $3 AND user_id = $5)
                 FROM (SELECT 1 AS one) one
                 LEFT JOIN (SELECT id, room_id = $3 AND body = $4
                                       AND recipient_id IS NOT DISTINCT FROM $5 AS same
                            FROM messages WHERE author_id = $1 AND client_id = $2) earlier
                 ON TRUE",
            )
            .bind(new.author_id)
            .bind(&new.client_id)
            .bind(new.room_id)
            .bind(&new.body)
            .bind(new.recipient_id)
            .fetch_one(&mut **t)
            .await
        })?;
    if let Some(id) = existing {
        if same != Some(true) {
            return Ok(Err(AppError::ClientIdReused));
        }
        let message = by_id(&mut *tx, id).await?;
        return Ok(Ok(Applied {
            event_seq: message.seq,
            message,
            is_new: false,
            kind: Kind::Posted,
            pair: None,
        }));
    }
    match (author, recipient) {
        (false, _) => return Ok(Err(AppError::NotAMember)),
        (true, false) => return Ok(Err(Invalid::Recipient.into())),
        (true, true) => {}
    }
    let seq = next_seq(&mut *tx, new.room_id).await?;
    let id: i64 = on!(&mut *tx, |t| sqlx::query_scalar(
        "INSERT INTO messages
            (room_id, seq, author_id, client_id, body, html, mentioned, recipient_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(new.room_id)
    .bind(seq)
    .bind(new.author_id)
    .bind(&new.client_id)
    .bind(&new.body)
    .bind(&new.formatted.html)
    .bind(sqlx::types::Json(&new.formatted.mentioned))
    .bind(new.recipient_id)
    .fetch_one(&mut **t)
    .await)?;
    Ok(Ok(Applied {
        // Nobody has reacted to it yet.
        message: row(&mut *tx, id).await?,
        is_new: true,
        kind: Kind::Posted,
        event_seq: seq,
        pair: new.recipient_id.map(|r| (new.author_id, r)),
    }))
}

/// Takes the room's next event number.
async fn next_seq(tx: &mut Tx, room_id: i64) -> Result<i64, AppError> {
    Ok(on!(&mut *tx, |t| sqlx::query_scalar(
        "UPDATE rooms SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq",
    )
    .bind(room_id)
    .fetch_one(&mut **t)
    .await)?)
}

/// Message `id` with its reactions.
async fn by_id(tx: &mut Tx, id: i64) -> Result<Message, AppError> {
    let mut one = [row(&mut *tx, id).await?];
    super::reactions::attach(&mut *tx, &mut one).await?;
    let [message] = one;
    Ok(message)
}

/// Message `id` without its reactions.
async fn row(tx: &mut Tx, id: i64) -> Result<Message, AppError> {
    Ok(on!(&mut *tx, |t| sqlx::query_as(&format!(
        "{SELECT_MESSAGE} WHERE m.id = $1"
    ))
    .bind(id)
    .fetch_one(&mut **t)
    .await)?)
}

mod edits;
#[cfg(test)]
mod tests;

use edits::{reaction, update};
