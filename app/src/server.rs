//! Everything that only runs on the server. Gated once, here.
pub mod account_settings;
pub mod accounts;
pub mod admin;
pub mod api_tokens;
pub mod bots;
pub mod callers;
pub mod context;
pub mod db;
pub mod export;
#[cfg(test)]
pub mod fixtures;
pub mod formatting;
pub mod guests;
pub mod hub;
pub mod known_devices;
pub mod last_room;
pub mod memberships;
pub mod messages;
pub mod no_js;
pub mod origin;
pub mod page_context;
pub mod page_policy;
pub mod passwords;
pub mod people;
pub mod post_rate;
pub mod preferences;
pub mod presence;
pub mod room_page;
pub mod rooms;
pub mod search;
pub mod sessions;
pub mod sign_in;
pub mod sign_in_throttle;
pub mod state;
pub mod writer;

pub use state::{AppState, Settings};
