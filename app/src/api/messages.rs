use leptos::prelude::*;

use crate::{model::Message, AppError};

#[server(endpoint = "post_message")]
pub async fn post_message(
    room: String,
    client_id: String,
    body: String,
) -> Result<Message, AppError> {
    use crate::server::{context, messages, no_js, AppState};

    let state = AppState::from_context()?;
    let page = super::room_path(&room);
    let result = async {
        let me = context::current_user(&state).await?;
        messages::post(&state, &me, &room, &client_id, &body)
            .await
            .map(|posted| posted.message)
    }
    .await;
    let message = no_js::report(result, &page)?;
    no_js::redirect_plain_form(&page);
    Ok(message)
}
