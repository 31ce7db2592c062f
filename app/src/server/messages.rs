//! Posting and reading messages: validate here, then the writer commits and publishes.
use super::{
    db::{
        self,
        changes::{Applied, Change, Delete, Edit, NewMessage},
    },
    rooms, AppState,
};
use crate::{
    error::Invalid,
    model::{Me, RoomKind, RoomPage},
    rules, AppError,
};

/// How many messages a room page shows.
pub const PAGE_SIZE: i64 = 50;

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
    let recipient_id = match to.map(str::trim).filter(|to| !to.is_empty()) {
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
    let message = NewMessage {
        room_id: room.id,
        author_id: author.id,
        client_id,
        body,
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
    let edit = Edit {
        room_id: room.id,
        message_seq,
        editor_id: me.id,
        body,
    };
    state.writer.apply(Change::Edit(edit)).await
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

/// The room as the page shows it: the latest messages and the sequence number they end at
/// (read in one statement, so live updates resume exactly where the page stops), the members
/// with who is online, and the reader's rooms. Reading the page marks the room read.
pub async fn room_page(
    state: &AppState,
    me: Me,
    room_slug: &str,
    to: Option<&str>,
) -> Result<RoomPage, AppError> {
    let access = rooms::readable(state, &me, room_slug).await?;
    let (room, messages) = db::room_page::room_page(&state.pool, me.id, room_slug, PAGE_SIZE)
        .await?
        .ok_or(AppError::RoomNotFound)?;
    // Only write when there is something new: reading a page stays a read.
    if access.is_member && access.last_read_seq < room.last_seq {
        db::memberships::mark_read(&state.pool, room.id, me.id, room.last_seq).await?;
    }
    let mut members = db::memberships::members(&state.pool, room.id).await?;
    for member in &mut members {
        member.online = member.id == me.id || state.presence.is_online(member.id);
    }
    // Online first; the sort is stable, so each group stays in name order.
    members.sort_by_key(|m| !m.online);
    let whisper_to = to.and_then(|to| {
        members
            .iter()
            .find(|m| m.username == to && m.id != me.id)
            .cloned()
    });
    let direct_name = (room.kind == RoomKind::Direct)
        .then(|| members.iter().find(|m| m.id != me.id))
        .flatten()
        .map(|m| m.display_name.clone());
    let member_count = members.len() as i64;
    members.truncate(RoomPage::MEMBERS_SHOWN);
    Ok(RoomPage {
        room: room.public(direct_name),
        can_delete: access.can_delete(&me),
        is_member: access.is_member,
        rooms: db::rooms::of_member(&state.pool, me.id).await?,
        me,
        messages,
        last_seq: room.last_seq,
        client_id: new_client_id(),
        members,
        member_count,
        whisper_to: whisper_to.filter(|_| access.is_member),
    })
}

/// A random id for a composer form.
pub fn new_client_id() -> String {
    use rand::RngCore;
    let mut raw = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    hex::encode(raw)
}

#[cfg(test)]
mod tests;
