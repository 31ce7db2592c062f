//! The room page: a window of messages (the latest, or a stretch of history), the members with
//! who is online, and the reader's rooms.
use crate::server::{
    db,
    rooms::{self, Access},
    AppState,
};
use crate::{
    model::{Me, Message, RoomKind, RoomPage},
    AppError,
};

/// How many messages a room page shows.
pub const PAGE_SIZE: i64 = 50;

/// Which messages a page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    Latest,
    /// The page before this sequence number ("older messages").
    Before(i64),
    /// The page after this sequence number ("newer messages").
    After(i64),
    /// A permalink: the message posted as this number, in the middle, highlighted.
    Around(i64),
}

impl Window {
    pub fn from_query(before: Option<i64>, after: Option<i64>, around: Option<i64>) -> Window {
        match (around, before, after) {
            (Some(seq), _, _) => Window::Around(seq),
            (_, Some(seq), _) => Window::Before(seq),
            (_, _, Some(seq)) => Window::After(seq),
            _ => Window::Latest,
        }
    }
}

/// The room as the page shows it: the latest messages and the sequence number they end at
/// (read in one statement, so live updates resume exactly where the page stops), the members
/// with who is online, and the reader's rooms. Reading the page marks the room read.
pub async fn room_page(
    state: &AppState,
    me: Me,
    room_slug: &str,
    to: Option<&str>,
    window: Window,
) -> Result<RoomPage, AppError> {
    let access = rooms::readable(state, &me, room_slug).await?;
    let (room, messages, newer) = match window {
        Window::Latest => {
            let (room, messages) =
                db::room_page::room_page(&state.pool, me.id, room_slug, PAGE_SIZE)
                    .await?
                    .ok_or(AppError::RoomNotFound)?;
            (room, messages, None)
        }
        window => {
            let messages = history(state, &me, &access, window).await?;
            let last = messages.last().map_or(0, |m| m.seq);
            let newer = db::messages::exists_after(&state.pool, me.id, access.room.id, last)
                .await?
                .then_some(last);
            (access.room.clone(), messages, newer)
        }
    };
    let older = match messages.first() {
        Some(first) => db::messages::exists_before(&state.pool, me.id, room.id, first.seq)
            .await?
            .then_some(first.seq),
        None => None,
    };
    let first_unread = messages
        .iter()
        .find(|m| m.seq > access.last_read_seq && m.author_username != me.username)
        .filter(|_| access.is_member)
        .map(|m| m.seq);
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
    let me_id = me.id;
    members.truncate(RoomPage::MEMBERS_SHOWN);
    Ok(RoomPage {
        room: room.public(direct_name),
        can_delete: access.can_delete(&me),
        is_member: access.is_member,
        rooms: db::rooms::of_member(&state.pool, me.id).await?,
        me,
        messages,
        last_seq: room.last_seq,
        client_id: crate::server::random::client_id(),
        members,
        member_count,
        whisper_to: whisper_to.filter(|_| access.is_member),
        older,
        newer,
        highlight: match window {
            Window::Around(seq) => Some(seq),
            _ => None,
        },
        first_unread,
        notification_sound: db::preferences::notification_sound(&state.pool, me_id).await?,
    })
}

/// A stretch of history (never the latest page, which is read with the room in one statement).
async fn history(
    state: &AppState,
    me: &Me,
    access: &Access,
    window: Window,
) -> Result<Vec<Message>, AppError> {
    let (pool, room_id) = (&state.pool, access.room.id);
    Ok(match window {
        Window::Latest | Window::Before(_) => {
            let before = match window {
                Window::Before(seq) => seq,
                _ => i64::MAX,
            };
            db::messages::before(pool, me.id, room_id, before, PAGE_SIZE).await?
        }
        Window::After(seq) => db::messages::after(pool, me.id, room_id, seq, PAGE_SIZE).await?,
        Window::Around(seq) => {
            let half = PAGE_SIZE / 2;
            let mut around = db::messages::before(pool, me.id, room_id, seq, half).await?;
            around.extend(db::messages::after(pool, me.id, room_id, seq - 1, half).await?);
            around
        }
    })
}

/// Up to a page of messages before `before`, for scrolling up; and whether there are more.
pub async fn older(
    state: &AppState,
    me: &Me,
    room_slug: &str,
    before: i64,
) -> Result<(Vec<Message>, bool), AppError> {
    let access = rooms::readable(state, me, room_slug).await?;
    let messages = history(state, me, &access, Window::Before(before)).await?;
    let more = match messages.first() {
        Some(first) => {
            db::messages::exists_before(&state.pool, me.id, access.room.id, first.seq).await?
        }
        None => false,
    };
    Ok((messages, more))
}
