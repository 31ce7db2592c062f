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
    use crate::server::{messages, messages::bots, web::no_js, web::request};

    let page = match to.as_deref().filter(|to| !to.is_empty()) {
        Some(to) => format!(
            "{}?to={}",
            super::room_path(&room),
            crate::ui::encode_query_value(to)
        ),
        None => super::room_path(&room),
    };
    let result = request::as_signed_in(async |state, me| {
        let posted = messages::post(state, me, &room, &client_id, &body, to.as_deref()).await?;
        bots::hear(state, me, &posted).await;
        Ok(posted.message)
    })
    .await;
    let message = no_js::report(result, &page)?;
    no_js::redirect_plain_form(&page);
    Ok(message)
}

/// One's own message, for the edit page.
#[server(endpoint = "load_own_message")]
pub async fn load_own_message(room: String, seq: i64) -> Result<Message, AppError> {
    use crate::server::{messages, web::request};

    request::as_signed_in(async |state, me| messages::own(state, me, &room, seq).await).await
}

#[server(endpoint = "edit_message")]
pub async fn edit_message(room: String, seq: i64, body: String) -> Result<(), AppError> {
    use crate::server::{messages, web::no_js, web::request};

    let result = request::as_signed_in(async |state, me| {
        messages::edit(state, me, &room, seq, &body)
            .await
            .map(|_| ())
    })
    .await;
    let page = super::room_path(&room);
    no_js::go_to(result, &format!("{page}/messages/{seq}/edit"), "", &page)
}

#[server(endpoint = "delete_message")]
pub async fn delete_message(room: String, seq: i64) -> Result<(), AppError> {
    use crate::server::{messages, web::no_js, web::request};

    let result = request::as_signed_in(async |state, me| {
        messages::delete(state, me, &room, seq).await.map(|_| ())
    })
    .await;
    no_js::stay(result, &super::room_path(&room), "message")
}

/// Adds the reaction, or takes it back if it was there.
#[server(endpoint = "toggle_reaction")]
pub async fn toggle_reaction(room: String, seq: i64, emoji: String) -> Result<(), AppError> {
    use crate::server::{messages, web::no_js, web::request};

    let result = request::as_signed_in(async |state, me| {
        messages::react(state, me, &room, seq, &emoji)
            .await
            .map(|_| ())
    })
    .await;
    let page = super::room_path(&room);
    no_js::stay(result, &format!("{page}?around={seq}"), "message")
}
