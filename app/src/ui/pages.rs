mod not_found;
mod room_page;
mod sign_in_page;
mod sign_up_page;

pub use not_found::NotFound;
pub use room_page::RoomPage;
pub use sign_in_page::SignInPage;
pub use sign_up_page::SignUpPage;
