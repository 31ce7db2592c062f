//! Joining, leaving, inviting and removing members. Each stays on (or returns to) a page.
use leptos::prelude::*;

use crate::AppError;

#[server(endpoint = "join_room")]
pub async fn join_room(room: String) -> Result<(), AppError> {
    use crate::server::{rooms::memberships, web::no_js, web::request};

    let result =
        request::as_signed_in(async |state, me| memberships::join(state, me, &room).await).await;
    // From the directory or the room itself, joining leads into the room.
    let page = super::room_path(&room);
    no_js::go_to(result, &page, "join", &page)
}

#[server(endpoint = "leave_room")]
pub async fn leave_room(room: String) -> Result<(), AppError> {
    use crate::server::{rooms::memberships, web::no_js, web::request};

    let result =
        request::as_signed_in(async |state, me| memberships::leave(state, me, &room).await).await;
    no_js::go_to(result, &super::room_path(&room), "leave", "/rooms/general")
}

#[server(endpoint = "invite_member")]
pub async fn invite_member(room: String, username: String) -> Result<(), AppError> {
    use crate::server::{rooms::memberships, web::no_js, web::request};

    let result = request::as_signed_in(async |state, me| {
        memberships::invite(state, me, &room, &username).await
    })
    .await;
    no_js::stay(result, &super::room_path(&room), "invite")
}

#[server(endpoint = "remove_member")]
pub async fn remove_member(room: String, username: String) -> Result<(), AppError> {
    use crate::server::{rooms::memberships, web::no_js, web::request};

    let result = request::as_signed_in(async |state, me| {
        memberships::remove(state, me, &room, &username).await
    })
    .await;
    no_js::stay(result, &super::room_path(&room), "remove")
}
