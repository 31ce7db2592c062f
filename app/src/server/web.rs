//! The web wing: what belongs to the request being answered rather than to the domain. The
//! signed-in account and cookies of a server function (`request`), post/redirect/get for plain
//! forms (`no_js`), same-origin and allowed-host checks (`origin`), the page's language, theme
//! and zone (`page_context`), its Content-Security-Policy (`page_policy`), and what the pages
//! remember of a person (`preferences`: language, theme, notification levels; `last_room`: the
//! room `/` opens). It calls `rooms`, `accounts` and `db`; no wing calls it.
pub mod last_room;
pub mod no_js;
pub mod origin;
pub mod page_context;
pub mod page_policy;
pub mod preferences;
pub mod request;
