//! Everything that only runs on the server. Gated once, here. Five wings beside the database,
//! each importing only what stands below it (no circle; see `farm-studio look app/src/server`):
//! `web` → `rooms`, `accounts`; `messages` → `rooms`, `accounts`; `accounts` → `live`; every
//! wing → `db`, which imports none of them. The entry points (`api/`, the server crate) call
//! any wing.
//!
//! - [`web`]: the request being answered (its account, language, redirects for plain forms,
//!   same-origin checks, page security headers, what the pages remember of a person);
//! - [`messages`]: posting, editing, formatting, search, exports, bots;
//! - [`rooms`]: rooms, who is in them and who may read them, the room page, guests;
//! - [`accounts`]: people's accounts, sessions, tokens, passwords and their throttle, settings;
//! - [`live`]: the writer that commits room events, the hub that fans them out, presence;
//! - [`db`]: all SQL, plain functions over the pool that know nothing of the wings above.
//!
//! [`state`] is where they meet: `AppState` holds each wing's running parts (writer, hub,
//! presence, throttles, rates) and every wing takes it, so it imports their types (only those).
//! [`random`] makes ids and secrets for any wing; [`metrics`] counts what operators watch.
pub mod accounts;
pub mod db;
#[cfg(test)]
pub mod fixtures;
pub mod live;
pub mod messages;
pub mod metrics;
pub mod random;
pub mod rooms;
pub mod state;
pub mod web;

pub use state::{AppState, Settings};
