//! The admin page: everyone's accounts, deactivating and reactivating them.
use leptos::prelude::*;

use crate::{model::UserEntry, AppError};

pub const ADMIN: &str = "/admin";

#[server(endpoint = "load_users")]
pub async fn load_users() -> Result<Vec<UserEntry>, AppError> {
    use crate::server::{admin, context, AppState};

    let state = AppState::from_context()?;
    let me = context::current_user(&state).await?;
    admin::users(&state, &me).await
}

/// Deactivates an account: it is signed out everywhere at once and cannot sign in.
#[server(endpoint = "deactivate_user")]
pub async fn deactivate_user(username: String) -> Result<(), AppError> {
    use crate::server::{admin, context, no_js, AppState};

    let state = AppState::from_context()?;
    let result = async {
        let me = context::current_user(&state).await?;
        admin::deactivate(&state, &me, &username).await
    }
    .await;
    no_js::stay(result, ADMIN, "users")
}

#[server(endpoint = "reactivate_user")]
pub async fn reactivate_user(username: String) -> Result<(), AppError> {
    use crate::server::{admin, context, no_js, AppState};

    let state = AppState::from_context()?;
    let result = async {
        let me = context::current_user(&state).await?;
        admin::reactivate(&state, &me, &username).await
    }
    .await;
    no_js::stay(result, ADMIN, "users")
}
