use serde::{Deserialize, Serialize};

use super::RoomSummary;

/// A member of a room as the member list shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Member {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    /// Connected now from at least one tab or client.
    #[cfg_attr(feature = "ssr", sqlx(default))]
    pub online: bool,
}

/// Someone's page, as the reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub username: String,
    pub display_name: String,
    pub online: bool,
    pub is_me: bool,
    /// Rooms both the reader and this person belong to.
    pub shared_rooms: Vec<RoomSummary>,
}
