//! Plain data both sides use.
pub mod account;
pub mod live_event;
pub mod live_protocol;
pub mod member;
pub mod message;
pub mod notify;
pub mod page_context;
pub mod room;
pub mod search;
pub mod unread;
pub mod user;

pub use account::{
    AccountSettings, AdminView, BotEntry, Device, SessionInfo, TokenInfo, UserEntry,
};
pub use live_event::LiveEvent;
pub use member::{Member, Person};
pub use message::Message;
pub use notify::Notify;
pub use page_context::{PageContext, Theme};
pub use room::{History, Room, RoomKind, RoomPage, RoomSummary};
pub use search::SearchResults;
pub use unread::Unread;
pub use user::Me;
