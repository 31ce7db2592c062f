use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::problem;
use crate::{
    api::{
        members::JoinRoom,
        rooms::{load_directory, CreateRoom},
    },
    i18n::use_lang,
    model::{RoomKind, RoomSummary},
    tr,
    ui::components::{shown_error, BackToGeneral, FormError, Loading},
};

/// The room directory: create a room, or find a public one and join it.
#[component]
pub fn RoomsPage() -> impl IntoView {
    let lang = use_lang();
    let rooms = Resource::new(|| (), |_| load_directory());
    view! {
        <Title text=tr!(lang, "rooms-title") />
        <main class="card wide">
            <BackToGeneral />
            <h1>{tr!(lang, "rooms-title")}</h1>
            <CreateRoomForm />
            <h2>{tr!(lang, "rooms-public")}</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match rooms.await {
                        Ok(list) => view! { <Directory list /> }.into_any(),
                        Err(e) => problem(e, "/rooms".to_owned()),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn CreateRoomForm() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateRoom>::new();
    let query = use_query_map();
    let field = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    view! {
        <section aria-labelledby="create-heading">
            <h2 id="create-heading">{tr!(lang, "rooms-create-heading")}</h2>
            <FormError error=shown_error(create.value()) />
            <ActionForm action=create>
                <label for="room-name">{tr!(lang, "rooms-name")}</label>
                <input id="room-name" name="name" required maxlength="50" value=field("name") />
                <label for="room-topic">{tr!(lang, "rooms-topic")}</label>
                <input id="room-topic" name="topic" maxlength="200" value=field("topic") />
                <fieldset>
                    <legend>{tr!(lang, "rooms-visibility")}</legend>
                    <label class="choice">
                        <input type="radio" name="visibility" value="public" checked />
                        " " {tr!(lang, "rooms-public-choice")}
                    </label>
                    <label class="choice">
                        <input type="radio" name="visibility" value="private" />
                        " " {tr!(lang, "rooms-private-choice")}
                    </label>
                </fieldset>
                <button type="submit" disabled=move || create.pending().get()>
                    {tr!(lang, "rooms-create-button")}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Directory(list: Vec<RoomSummary>) -> impl IntoView {
    let lang = use_lang();
    if list.is_empty() {
        return view! { <p>{tr!(lang, "rooms-none")}</p> }.into_any();
    }
    view! {
        <ul class="directory">
            {list
                .into_iter()
                .filter(|r| r.kind == RoomKind::Public)
                .map(|room| view! { <DirectoryEntry room /> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn DirectoryEntry(room: RoomSummary) -> impl IntoView {
    let lang = use_lang();
    let join = ServerAction::<JoinRoom>::new();
    let href = format!("/rooms/{}", room.slug);
    let join_label = tr!(lang, "rooms-join-label", room = room.name.clone());
    let action = if room.is_member {
        view! { <a href=href.clone()>{tr!(lang, "rooms-open")}</a> }.into_any()
    } else {
        view! {
            <ActionForm action=join attr:class="inline">
                <input type="hidden" name="room" value=room.slug.clone() />
                <button type="submit" aria-label=join_label>{tr!(lang, "rooms-join")}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <li>
            <a href=href><strong>"#" {room.name}</strong></a>
            {(!room.topic.is_empty()).then(|| view! { <span class="topic">" — " {room.topic}</span> })}
            " " {action}
        </li>
    }
}
