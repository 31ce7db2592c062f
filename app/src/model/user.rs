use serde::{Deserialize, Serialize};

/// The signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub is_admin: bool,
}

impl Me {
    /// A visitor who entered with only a nickname: they may talk in general, nothing more.
    pub fn is_guest(&self) -> bool {
        crate::rules::is_guest(&self.username)
    }

    /// Refuses what only accounts may do (making rooms and tokens, joining other rooms, direct
    /// conversations).
    pub fn must_have_account(&self) -> Result<(), crate::AppError> {
        match self.is_guest() {
            true => Err(crate::AppError::GuestNotAllowed),
            false => Ok(()),
        }
    }
}
