use leptos::prelude::*;

use crate::{model::RoomPage, AppError};

#[server(endpoint = "load_room")]
pub async fn load_room(slug: String) -> Result<RoomPage, AppError> {
    use crate::server::{context, messages, AppState};

    let state = AppState::from_context()?;
    let me = context::current_user(&state).await?;
    messages::room_page(&state, me, &slug).await
}
