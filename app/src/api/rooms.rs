use leptos::prelude::*;

use crate::{
    model::{History, RoomPage, RoomSummary},
    AppError,
};

/// A room page; `to` names the member a whisper goes to. It shows the latest messages, or
/// those `before`/`after` a sequence number, or those `around` one (a permalink).
#[server(endpoint = "load_room")]
pub async fn load_room(
    slug: String,
    to: Option<String>,
    before: Option<i64>,
    after: Option<i64>,
    around: Option<i64>,
) -> Result<RoomPage, AppError> {
    use crate::server::{
        rooms::room_page::{room_page, Window},
        web::request,
        AppState,
    };

    let state = AppState::from_context()?;
    let me = request::current_user(&state).await?;
    let window = Window::from_query(before, after, around);
    let page = room_page(&state, me, &slug, to.as_deref(), window).await?;
    // The installed app (and `/`) opens where the reader was last.
    request::set_cookie(&crate::server::web::last_room::cookie(&page.room.slug));
    Ok(page)
}

/// Where `/` leads: the room the reader had open last, if they may still read it.
#[server(endpoint = "home_path")]
pub async fn home_path() -> Result<String, AppError> {
    use crate::server::{web::last_room, web::request, AppState};

    let state = AppState::from_context()?;
    Ok(last_room::path(&state, &request::request_headers()).await)
}

/// Older messages, for scrolling up in a hydrated room.
#[server(endpoint = "load_older")]
pub async fn load_older(room: String, before: i64) -> Result<History, AppError> {
    use crate::server::{rooms::room_page, web::request};

    let (messages, more) =
        request::as_signed_in(async |state, me| room_page::older(state, me, &room, before).await)
            .await?;
    Ok(History { messages, more })
}

/// The public rooms, for the directory.
#[server(endpoint = "load_directory")]
pub async fn load_directory() -> Result<Vec<RoomSummary>, AppError> {
    use crate::server::{rooms, web::request};

    request::as_signed_in(async |state, me| rooms::directory(state, me).await).await
}

#[server(endpoint = "create_room")]
pub async fn create_room(name: String, topic: String, visibility: String) -> Result<(), AppError> {
    use crate::server::{rooms, web::no_js, web::request};

    let created = request::as_signed_in(async |state, me| {
        rooms::create(state, me, &name, &topic, &visibility).await
    })
    .await;
    let kept = [("name", name.as_str()), ("topic", topic.as_str())];
    let back = no_js::with_query("/rooms", &kept);
    let slug = no_js::report(created, &back)?;
    leptos_axum::redirect(&super::room_path(&slug));
    Ok(())
}

#[server(endpoint = "delete_room")]
pub async fn delete_room(room: String) -> Result<(), AppError> {
    use crate::server::{rooms, web::no_js, web::request};

    let result =
        request::as_signed_in(async |state, me| rooms::delete(state, me, &room).await).await;
    let page = format!("{}/delete", super::room_path(&room));
    no_js::go_to(result, &page, "delete", "/rooms/general")
}

/// Opens (starting if need be) the direct conversation with `username`.
#[server(endpoint = "open_direct")]
pub async fn open_direct(username: String) -> Result<(), AppError> {
    use crate::server::{rooms, web::no_js, web::request};

    let opened =
        request::as_signed_in(async |state, me| rooms::direct_with(state, me, &username).await)
            .await;
    let slug = no_js::report(opened, &super::person_path(&username))?;
    leptos_axum::redirect(&super::room_path(&slug));
    Ok(())
}
