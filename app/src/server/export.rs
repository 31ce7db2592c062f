//! Downloads: a room's history for its members, and anyone's own messages, in full.
use super::{db, rooms, AppState};
use crate::{
    i18n::Lang,
    model::{Me, Message},
    AppError,
};

const BATCH: i64 = 1000;

/// Every message of the room the member may see, oldest first.
pub async fn room(state: &AppState, me: &Me, slug: &str) -> Result<Vec<Message>, AppError> {
    let room = rooms::readable(state, me, slug)
        .await?
        .require_member()?
        .room;
    in_batches(|after| db::messages::of_room_for_export(&state.pool, me.id, room.id, after, BATCH))
        .await
}

/// Every message `me` wrote, in any room, oldest first.
pub async fn mine(state: &AppState, me: &Me) -> Result<Vec<Message>, AppError> {
    in_batches(|after| db::messages::of_author_for_export(&state.pool, me.id, after, BATCH)).await
}

/// Reads batch after batch (each after the last message id so far) until one comes up short.
async fn in_batches<F, Fut>(mut next: F) -> Result<Vec<Message>, AppError>
where
    F: FnMut(i64) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<Message>, AppError>>,
{
    let mut all: Vec<Message> = Vec::new();
    loop {
        let batch = next(all.last().map_or(0, |m| m.id)).await?;
        let done = (batch.len() as i64) < BATCH;
        all.extend(batch);
        if done {
            return Ok(all);
        }
    }
}

/// The plain-text log: one message per line, in the reader's language where it has words.
pub fn log(messages: &[Message], lang: Lang) -> String {
    let mut text = String::new();
    for message in messages {
        text.push_str(&message.log_line(lang));
        text.push('\n');
    }
    text
}
