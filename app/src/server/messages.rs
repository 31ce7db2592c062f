//! Posting and reading messages: validate here, then the writer commits and publishes.
//!
//! The messages wing: posting, editing, deleting and reacting (here), how text becomes HTML
//! (`formatting`), how fast one may post (`post_rate`), `search`, `export`s and `bots`. It
//! calls `rooms` (`readable`, the read rule), `accounts` (bots are accounts) and `db`; the
//! writer and hub it reaches through `AppState`.

pub mod bots;
pub mod export;
pub mod formatting;
pub mod post_rate;
pub mod search;

use crate::server::{
    db::{
        self,
        event_log::{Applied, Change, Delete, Edit, NewMessage, React},
    },
    rooms, AppState,
};
use crate::{
    error::Invalid,
    model::{LiveEvent, Me, Message},
    rules, AppError,
};
use formatting::Formatted;

/// Stores a message (once per client id) and tells the room. A retried post gets back the
/// message stored the first time, with `is_new` false, and nobody is told twice. With `to`, it
/// is a private message (a whisper) to that member: only the two of them ever see it.
pub async fn post(
    state: &AppState,
    author: &Me,
    room_slug: &str,
    client_id: &str,
    body: &str,
    to: Option<&str>,
) -> Result<Applied, AppError> {
    let body = rules::message_body(body)?;
    let client_id = rules::client_id(client_id)?;
    state.post_rate.check(author.id)?;
    let room = rooms::readable(state, author, room_slug)
        .await?
        .require_member()?
        .room;
    let to = to.map(str::trim).filter(|to| !to.is_empty());
    let recipient_id = match to {
        None => None,
        Some(username) => {
            let recipient = db::memberships::member(&state.pool, room.id, username)
                .await?
                .ok_or(Invalid::Recipient)?;
            if recipient.id == author.id {
                return Err(Invalid::Yourself.into());
            }
            Some(recipient.id)
        }
    };
    let formatted = format(state, room.id, author, &body, to).await?;
    let message = NewMessage {
        room_id: room.id,
        author_id: author.id,
        client_id,
        body,
        formatted,
        recipient_id,
    };
    state.writer.apply(Change::Post(message)).await
}

/// Changes the text of one's own message; everyone who can see it sees the change.
pub async fn edit(
    state: &AppState,
    me: &Me,
    room_slug: &str,
    message_seq: i64,
    body: &str,
) -> Result<Applied, AppError> {
    let body = rules::message_body(body)?;
    state.post_rate.check(me.id)?;
    let room = rooms::readable(state, me, room_slug)
        .await?
        .require_member()?
        .room;
    let message = own(state, me, room_slug, message_seq).await?;
    let to = message.recipient_username.as_deref();
    let formatted = format(state, room.id, me, &body, to).await?;
    let edit = Edit {
        room_id: room.id,
        message_seq,
        editor_id: me.id,
        body,
        formatted,
    };
    state.writer.apply(Change::Edit(edit)).await
}

/// Renders a body, marking the @mentions of members who will see it: anyone else in the room,
/// or, in a private message, its recipient only.
async fn format(
    state: &AppState,
    room_id: i64,
    author: &Me,
    body: &str,
    to: Option<&str>,
) -> Result<Formatted, AppError> {
    let named: Vec<String> = rules::mention_spans(body)
        .into_iter()
        .map(|(_, name)| name)
        .filter(|name| *name != author.username && to.is_none_or(|to| to == name))
        .collect();
    let members = match named.is_empty() {
        true => Vec::new(),
        false => db::memberships::usernames_among(&state.pool, room_id, &named).await?,
    };
    Ok(formatting::render(body, |name| {
        members.iter().any(|m| m == name)
    }))
}

/// Adds an emoji reaction to a message, or takes it back if it was there (the button); members
/// only.
pub async fn react(
    state: &AppState,
    me: &Me,
    room_slug: &str,
    message_seq: i64,
    emoji: &str,
) -> Result<Applied, AppError> {
    set_reaction(state, me, room_slug, message_seq, emoji, None).await
}

/// Adds (`want: Some(true)`) or takes back (`Some(false)`) a reaction, or toggles it (`None`),
/// in the writer's order: two requests at once never undo each other, and asking for what is
/// already so changes nothing (no event).
pub async fn set_reaction(
    state: &AppState,
    me: &Me,
    room_slug: &str,
    message_seq: i64,
    emoji: &str,
    want: Option<bool>,
) -> Result<Applied, AppError> {
    let emoji = rules::reaction(emoji)?;
    state.post_rate.check(me.id)?;
    let room = rooms::readable(state, me, room_slug).await?;
    // Taking one's reaction back needs no membership (one who left may tidy up).
    let room = match want {
        Some(false) => room.room,
        _ => room.require_member()?.room,
    };
    let react = React {
        room_id: room.id,
        message_seq,
        user_id: me.id,
        emoji: emoji.to_owned(),
        want,
    };
    state.writer.apply(Change::React(react)).await
}

/// One's own message, to edit.
pub async fn own(
    state: &AppState,
    me: &Me,
    room_slug: &str,
    message_seq: i64,
) -> Result<crate::model::Message, AppError> {
    let room = rooms::readable(state, me, room_slug).await?.room;
    let message = db::messages::one(&state.pool, me.id, room.id, message_seq)
        .await?
        .ok_or(AppError::MessageNotFound)?;
    if message.author_username != me.username {
        return Err(AppError::NotYours);
    }
    Ok(message)
}

/// Deletes one's own message (an admin may delete anyone's).
pub async fn delete(
    state: &AppState,
    me: &Me,
    room_slug: &str,
    message_seq: i64,
) -> Result<Applied, AppError> {
    state.post_rate.check(me.id)?;
    let room = rooms::readable(state, me, room_slug).await?.room;
    let delete = Delete {
        room_id: room.id,
        message_seq,
        by: me.id,
        as_admin: me.is_admin,
    };
    state.writer.apply(Change::Delete(delete)).await
}

/// Which of a room's messages a list holds.
#[derive(Clone, Copy, Debug)]
pub enum Span {
    Latest,
    /// After this event number (catching up).
    After(i64),
    /// Before this event number (paging back through history).
    Before(i64),
}

/// Up to `limit` of the room's messages `me` may read, oldest first, with the room as read
/// (its `last_seq` says where live events continue).
pub async fn list(
    state: &AppState,
    me: &Me,
    room_slug: &str,
    span: Span,
    limit: i64,
) -> Result<(rooms::RoomRow, Vec<Message>), AppError> {
    let room = rooms::readable(state, me, room_slug).await?.room;
    let (pool, id) = (&state.pool, room.id);
    let messages = match span {
        Span::Latest => db::messages::latest(pool, me.id, id, limit).await?,
        Span::After(after) => db::messages::after(pool, me.id, id, after, limit).await?,
        Span::Before(before) => db::messages::before(pool, me.id, id, before, limit).await?,
    };
    Ok((room, messages))
}

/// A socket's replay: the room's events after `after` that `me` may see, at most `limit`, each
/// message once as its latest state (see `db::messages::events_after`).
pub async fn events_after(
    state: &AppState,
    me: &Me,
    room_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<LiveEvent>, AppError> {
    db::messages::events_after(&state.pool, me.id, room_id, after, limit).await
}

#[cfg(test)]
mod formatting_tests;
#[cfg(test)]
mod tests;
