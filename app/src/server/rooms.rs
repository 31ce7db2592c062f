//! Rooms: who may see one, creating, deleting, the directory and direct conversations.
//!
//! The rooms wing: rooms and direct conversations (here), who is in them (`memberships`), the
//! read rule (`readable`, used by every entry point), the room page (`room_page`), how many rooms
//! one may make (`room_rate`) and `guests`, who may only enter general. It calls only `db` (and
//! `random` for slugs); the writer and hub it reaches through `AppState`.

pub mod guests;
pub mod memberships;
pub mod room_page;
pub mod room_rate;

pub use crate::server::db::rooms::RoomRow;
use crate::server::{
    db::{self, rooms::NewRoom},
    AppState,
};
use crate::{
    error::Invalid,
    model::{LiveEvent, Me, RoomKind, RoomSummary},
    rules, AppError,
};

pub const GENERAL: &str = "general";

/// A room the reader may see, and whether they belong to it.
pub struct Access {
    pub room: RoomRow,
    pub is_member: bool,
    /// How far a member has read the room.
    pub last_read_seq: i64,
}

impl Access {
    pub fn require_member(self) -> Result<Access, AppError> {
        if self.is_member {
            Ok(self)
        } else {
            Err(AppError::NotAMember)
        }
    }

    pub fn can_delete(&self, me: &Me) -> bool {
        self.room.slug != GENERAL
            && (me.is_admin
                || self.room.created_by == Some(me.id)
                || (self.room.kind == RoomKind::Direct && self.is_member))
    }
}

/// Anyone signed in may read a public room; private rooms and direct conversations are for
/// their members, and to anyone else they do not exist (404, never a hint).
pub async fn readable(state: &AppState, me: &Me, slug: &str) -> Result<Access, AppError> {
    let found = db::rooms::by_slug_for(&state.pool, slug, me.id)
        .await?
        .ok_or(AppError::RoomNotFound)?;
    if !found.may_read {
        // Only a guest is kept from a public room; anyone else not in a private one cannot
        // tell it from one that does not exist.
        return Err(match found.room.kind {
            RoomKind::Public => AppError::GuestNotAllowed,
            _ => AppError::RoomNotFound,
        });
    }
    Ok(Access {
        is_member: found.last_read_seq.is_some(),
        last_read_seq: found.last_read_seq.unwrap_or(0),
        room: found.room,
    })
}

/// Creates a room with `me` as its only member; returns its slug.
pub async fn create(
    state: &AppState,
    me: &Me,
    name: &str,
    topic: &str,
    visibility: &str,
) -> Result<String, AppError> {
    me.must_have_account()?;
    let name = rules::room_name(name)?;
    let topic = rules::topic(topic)?;
    state.room_rate.check(me.id)?;
    let kind = match RoomKind::parse(visibility.trim()) {
        Some(kind @ (RoomKind::Public | RoomKind::Private)) => kind,
        _ => return Err(Invalid::Visibility.into()),
    };
    let base = rules::slug_base(&name);
    for attempt in 0..8 {
        let slug = if attempt == 0 && base != "room" {
            base.clone()
        } else {
            format!("{base}-{}", crate::server::random::hex::<3>())
        };
        let new = NewRoom {
            slug: &slug,
            name: &name,
            topic: &topic,
            kind,
            created_by: me.id,
            members: &[me.id],
        };
        if let Some(room) = db::rooms::insert(&state.pool, new).await? {
            tell_added(state, &room, me.id).await?;
            return Ok(room.slug);
        }
    }
    Err(AppError::Internal)
}

/// Deletes the room and its messages; members see it go at once.
pub async fn delete(state: &AppState, me: &Me, slug: &str) -> Result<(), AppError> {
    let access = readable(state, me, slug).await?;
    if access.room.slug == GENERAL {
        return Err(AppError::KeptRoom);
    }
    if !access.can_delete(me) {
        return Err(AppError::NotAllowed);
    }
    let _turn = state.writer.turn().await;
    let deleted = LiveEvent::RoomDeleted {
        room: access.room.slug,
    };
    let note = state.relay.note_for_room(access.room.id, &deleted);
    db::rooms::delete(&state.pool, access.room.id, note.as_deref()).await?;
    state.hub.memberships_changed();
    state.hub.publish(access.room.id, &deleted);
    Ok(())
}

pub async fn directory(state: &AppState, me: &Me) -> Result<Vec<RoomSummary>, AppError> {
    db::rooms::public_directory(&state.pool, me.id).await
}

/// The direct conversation between `me` and `username`, started if need be; returns its slug.
pub async fn direct_with(state: &AppState, me: &Me, username: &str) -> Result<String, AppError> {
    me.must_have_account()?;
    let other = db::users::by_username(&state.pool, username)
        .await?
        .ok_or(AppError::PersonNotFound)?;
    if other.id == me.id {
        return Err(Invalid::Yourself.into());
    }
    if rules::is_guest(&other.username) {
        return Err(AppError::GuestNotAllowed);
    }
    state.post_rate.check(me.id)?;
    let slug = format!("dm-{}-{}", me.id.min(other.id), me.id.max(other.id));
    let new = NewRoom {
        slug: &slug,
        name: "",
        topic: "",
        kind: RoomKind::Direct,
        created_by: me.id,
        members: &[me.id, other.id],
    };
    // A taken slug means the conversation already exists.
    if db::rooms::by_slug(&state.pool, &slug).await?.is_some() {
        return Ok(slug);
    }
    state.room_rate.check(me.id)?;
    if let Some(room) = db::rooms::insert(&state.pool, new).await? {
        tell_added(state, &room, me.id).await?;
        tell_added(state, &room, other.id).await?;
    }
    Ok(slug)
}

/// The rooms `me` belongs to, with unread counts (each as of the room's `last_seq`).
pub async fn of_member(state: &AppState, me: &Me) -> Result<Vec<RoomSummary>, AppError> {
    db::rooms::of_member(&state.pool, me.id).await
}

/// Records that `me` has seen the room up to event `seq`, and returns it as their sidebar now
/// counts it (`None` if they are no longer a member).
pub async fn mark_read(
    state: &AppState,
    me: &Me,
    room_id: i64,
    seq: i64,
) -> Result<Option<RoomSummary>, AppError> {
    db::memberships::mark_read(&state.pool, room_id, me.id, seq).await?;
    db::rooms::summary(&state.pool, room_id, me.id).await
}

/// Tells `user_id`'s open sockets about a room they now belong to (the sidebar adds it).
pub async fn tell_added(state: &AppState, room: &RoomRow, user_id: i64) -> Result<(), AppError> {
    if let Some(summary) = db::rooms::summary(&state.pool, room.id, user_id).await? {
        let added = LiveEvent::RoomAdded { room: summary };
        state.relay.tell_person(user_id, room.id, &added).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
