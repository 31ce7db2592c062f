use serde::{Deserialize, Serialize};

use super::Me;

/// The settings page: who I am and where I am signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettings {
    pub me: Me,
    /// Most recently used first.
    pub sessions: Vec<SessionInfo>,
}

/// One place I am signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// A public id to revoke it by (never the session token).
    pub id: String,
    /// "Firefox on Linux", from the browser's `User-Agent` at sign-in.
    pub device: String,
    /// RFC 3339, UTC.
    pub signed_in_at: String,
    pub last_seen_at: String,
    /// The session this page was loaded with.
    pub current: bool,
}
