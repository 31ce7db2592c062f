//! Downloads: a room's history for its members, and anyone's own messages, in full. An export
//! is read from the database a batch at a time as it is sent, so its size costs time, not
//! memory; one account runs at most [`AT_ONCE`] at a time.
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use crate::server::{db, rooms, AppState};
use crate::{
    i18n::Lang,
    model::{Me, Message},
    AppError,
};

/// Messages read at once: with at most 48 KB each (text and HTML), a batch stays under 5 MB.
const BATCH: i64 = 100;
/// Exports one account may run at the same time.
pub const AT_ONCE: u32 = 2;

/// An export being read, batch by batch, oldest first.
pub struct Export {
    state: AppState,
    reader: i64,
    /// The room exported, or `None` for the reader's own messages in every room.
    room_id: Option<i64>,
    after_id: i64,
    done: bool,
    _slot: Slot,
}

impl Export {
    /// The next batch (`None` once every message was read).
    pub async fn next_batch(&mut self) -> Result<Option<Vec<Message>>, AppError> {
        if self.done {
            return Ok(None);
        }
        let pool = &self.state.pool;
        let batch = match self.room_id {
            Some(room_id) => {
                db::messages::of_room_for_export(pool, self.reader, room_id, self.after_id, BATCH)
                    .await?
            }
            None => {
                db::messages::of_author_for_export(pool, self.reader, self.after_id, BATCH).await?
            }
        };
        self.done = (batch.len() as i64) < BATCH;
        self.after_id = batch.last().map_or(self.after_id, |m| m.id);
        Ok((!batch.is_empty()).then_some(batch))
    }
}

/// Every message of the room the member may see.
pub async fn room(state: &AppState, me: &Me, slug: &str) -> Result<Export, AppError> {
    let room = rooms::readable(state, me, slug)
        .await?
        .require_member()?
        .room;
    start(state, me, Some(room.id))
}

/// Every message `me` wrote, in any room.
pub async fn mine(state: &AppState, me: &Me) -> Result<Export, AppError> {
    start(state, me, None)
}

fn start(state: &AppState, me: &Me, room_id: Option<i64>) -> Result<Export, AppError> {
    Ok(Export {
        _slot: Slot::take(&state.exports, me.id)?,
        state: state.clone(),
        reader: me.id,
        room_id,
        after_id: 0,
        done: false,
    })
}

/// Exports running, per account.
#[derive(Default)]
pub struct Running(Mutex<HashMap<i64, u32>>);

/// One running export of an account; the account may start another once it is dropped.
struct Slot {
    running: Arc<Running>,
    user_id: i64,
}

impl Slot {
    fn take(running: &Arc<Running>, user_id: i64) -> Result<Slot, AppError> {
        let mut counts = running.0.lock().unwrap_or_else(|e| e.into_inner());
        let count = counts.entry(user_id).or_default();
        if *count >= AT_ONCE {
            return Err(AppError::TooManyExports);
        }
        *count += 1;
        Ok(Slot {
            running: running.clone(),
            user_id,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.running.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = counts.get_mut(&self.user_id) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.user_id);
            }
        }
    }
}

/// Messages as lines of the plain-text log, in the reader's language where it has words.
pub fn log_lines(messages: &[Message], lang: Lang) -> String {
    let mut text = String::new();
    for message in messages {
        text.push_str(&message.log_line(lang));
        text.push('\n');
    }
    text
}
