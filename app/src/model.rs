//! Plain data both sides use.
pub mod live_event;
pub mod message;
pub mod room;
pub mod user;

pub use live_event::LiveEvent;
pub use message::Message;
pub use room::{Room, RoomPage};
pub use user::Me;
