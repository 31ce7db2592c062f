//! Everything that only runs on the server. Gated once, here. Five wings, each pointing only
//! downwards (web → rooms, messages → accounts → live → db):
//! - [`web`]: the request being answered (its account, language, redirects for plain forms,
//!   same-origin checks, page security headers);
//! - [`rooms`]: rooms, who is in them, the room page, reading marks;
//! - [`messages`]: posting, editing, formatting, search, exports, bots;
//! - [`accounts`]: people's accounts, sessions, tokens, passwords and their throttle, settings;
//! - [`live`]: the writer that commits room events, the hub that fans them out, presence;
//! - [`db`]: all SQL, plain functions over the pool that know nothing of the wings above.
pub mod accounts;
pub mod db;
#[cfg(test)]
pub mod fixtures;
pub mod live;
pub mod messages;
pub mod random;
pub mod rooms;
pub mod state;
pub mod web;

pub use state::{AppState, Settings};
