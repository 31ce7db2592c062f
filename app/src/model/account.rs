use serde::{Deserialize, Serialize};

use super::Me;

/// The settings page: who I am, where I am signed in, and my API tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettings {
    pub me: Me,
    /// Most recently used first.
    pub sessions: Vec<SessionInfo>,
    /// Newest first.
    pub tokens: Vec<TokenInfo>,
    /// The secret of a token just created, shown this once.
    pub new_token: Option<String>,
    /// Whether desktop notifications make a sound.
    pub notification_sound: bool,
}

/// "Firefox" and "Linux", as far as a `User-Agent` tells (proper names, the same in every
/// language; the page words them as "Firefox on Linux").
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Device {
    pub browser: Option<String>,
    pub os: Option<String>,
}

/// One place I am signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// A public id to revoke it by (never the session token).
    pub id: String,
    /// The browser and system, from its `User-Agent` at sign-in.
    pub device: Device,
    /// RFC 3339, UTC.
    pub signed_in_at: String,
    pub last_seen_at: String,
    /// The session this page was loaded with.
    pub current: bool,
}

/// A personal access token as settings list it (the secret is shown once, at creation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TokenInfo {
    pub id: String,
    pub name: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub last_used_at: Option<String>,
}

/// An account as the admin page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct UserEntry {
    pub username: String,
    pub display_name: String,
    pub is_admin: bool,
    pub is_bot: bool,
    pub deactivated: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// The latest use of any of their sessions.
    pub last_seen_at: Option<String>,
}

/// A bot as the admin page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BotEntry {
    pub username: String,
    pub display_name: String,
    pub webhook_url: Option<String>,
    /// The admin allowed a private or loopback webhook address.
    pub allow_private: bool,
}

/// The admin page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminView {
    pub users: Vec<UserEntry>,
    pub bots: Vec<BotEntry>,
    /// A bot just created and its token, shown this once: (bot username, token).
    pub new_bot_token: Option<(String, String)>,
}
