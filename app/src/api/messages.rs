use leptos::prelude::*;

use crate::{model::Message, AppError};

#[server(endpoint = "post_message")]
pub async fn post_message(
    room: String,
    client_id: String,
    body: String,
    /// A member's username: the message is private to them.
    to: Option<String>,
) -> Result<Message, AppError> {
    use crate::server::{context, messages, no_js, AppState};

    let state = AppState::from_context()?;
    let page = match to.as_deref().filter(|to| !to.is_empty()) {
        Some(to) => format!(
            "{}?to={}",
            super::room_path(&room),
            crate::ui::encode_query_value(to)
        ),
        None => super::room_path(&room),
    };
    let result = async {
        let me = context::current_user(&state).await?;
        messages::post(&state, &me, &room, &client_id, &body, to.as_deref())
            .await
            .map(|posted| posted.message)
    }
    .await;
    let message = no_js::report(result, &page)?;
    no_js::redirect_plain_form(&page);
    Ok(message)
}
