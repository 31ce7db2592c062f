use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::problem;
use crate::{
    api::rooms::{load_room, DeleteRoom},
    i18n::use_lang,
    model::RoomPage,
    tr,
    ui::components::{shown_error_of, FormError, Loading},
};

/// Deleting a room asks first, on a page of its own, so it works the same without JavaScript.
#[component]
pub fn DeleteRoomPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let page = Resource::new(slug, |slug| load_room(slug, None, None, None, None));
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Confirm page /> }.into_any(),
                    Err(e) => problem(e, format!("/rooms/{}/delete", slug())),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Confirm(page: RoomPage) -> impl IntoView {
    let lang = use_lang();
    let delete = ServerAction::<DeleteRoom>::new();
    let room = page.room;
    let name = room.name.clone();
    let back = format!("/rooms/{}", room.slug);
    let body = if page.can_delete {
        view! {
            <p>{tr!(lang, "delete-room-question", room = room.name.clone())}</p>
            <ActionForm action=delete>
                <input type="hidden" name="room" value=room.slug.clone() />
                <button type="submit" class="danger">
                    {tr!(lang, "delete-room-button", room = room.name.clone())}
                </button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! { <p role="alert">{tr!(lang, "delete-room-not-allowed")}</p> }.into_any()
    };
    view! {
        <Title text=tr!(lang, "delete-room-title", room = name.clone()) />
        <main class="card">
            <h1>{tr!(lang, "delete-room-title", room = name.clone())}</h1>
            <FormError error=shown_error_of(delete.value(), "delete") />
            {body}
            <p><a href=back>{tr!(lang, "cancel")}</a></p>
        </main>
    }
}
