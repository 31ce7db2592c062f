mod composer;
mod form_error;
mod live_status;
mod message_item;
mod message_list;
mod room_header;

pub use composer::Composer;
pub use form_error::{shown_error, FormError};
pub use live_status::{LiveState, LiveStatus};
pub use message_item::MessageItem;
pub use message_list::MessageList;
pub use room_header::RoomHeader;
