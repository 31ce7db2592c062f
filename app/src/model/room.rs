use serde::{Deserialize, Serialize};

use super::{Me, Member, Message, Notify};

/// Who may see a room: anyone signed in (public), members only (private), or the two people of
/// a direct conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "lowercase")
)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum RoomKind {
    Public,
    Private,
    Direct,
}

impl RoomKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RoomKind::Public => "public",
            RoomKind::Private => "private",
            RoomKind::Direct => "direct",
        }
    }

    pub fn parse(raw: &str) -> Option<RoomKind> {
        [RoomKind::Public, RoomKind::Private, RoomKind::Direct]
            .into_iter()
            .find(|k| k.as_str() == raw)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub slug: String,
    /// For a direct conversation, the other person's display name.
    pub name: String,
    pub topic: String,
    pub kind: RoomKind,
}

/// A room as a list shows it: the sidebar (with unread counts) or the room directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoomSummary {
    pub slug: String,
    pub name: String,
    pub topic: String,
    pub kind: RoomKind,
    /// Messages from others since the member last read the room (0 outside the sidebar).
    pub unread: i64,
    /// Of those, the ones that mention the member.
    #[serde(default)]
    pub mentions: i64,
    /// The room's last event number when `unread` was counted: a `message_posted` at or below
    /// it is already in the count (see `model::unread`).
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(default))]
    pub last_seq: i64,
    pub is_member: bool,
    /// Which of its messages notify the member (the sidebar's rooms only).
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(default))]
    pub notify: Notify,
}

/// Everything the room page needs, read in one consistent snapshot.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RoomPage {
    pub room: Room,
    pub me: Me,
    /// The latest messages the reader may see, oldest first.
    pub messages: Vec<Message>,
    /// The room's last event number when the page was read: live updates resume after it.
    pub last_seq: i64,
    /// A fresh id for the composer, so a re-sent form is stored once.
    pub client_id: String,
    /// A signed-in person may read a public room before joining it.
    pub is_member: bool,
    pub can_delete: bool,
    /// Online members first, then by name; at most [`RoomPage::MEMBERS_SHOWN`].
    pub members: Vec<Member>,
    pub member_count: i64,
    /// The reader's rooms and direct conversations, for the sidebar.
    pub rooms: Vec<RoomSummary>,
    /// Set when the composer sends a private message (`?to=username`).
    pub whisper_to: Option<Member>,
    /// The first message shown, when older ones exist ("older messages" loads before it).
    pub older: Option<i64>,
    /// The last message shown, when this is a stretch of history with newer ones after it.
    pub newer: Option<i64>,
    /// A permalink's message, highlighted.
    pub highlight: Option<i64>,
    /// The first message shown that the reader had not read before this page.
    pub first_unread: Option<i64>,
    /// Whether desktop notifications make a sound for this reader.
    pub notification_sound: bool,
}

/// A page of older messages, for scrolling up.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct History {
    pub messages: Vec<Message>,
    /// Whether there are more before these.
    pub more: bool,
}

impl RoomPage {
    pub const MEMBERS_SHOWN: usize = 200;
}
