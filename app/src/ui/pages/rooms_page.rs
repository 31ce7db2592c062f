use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::problem;
use crate::{
    api::{
        members::JoinRoom,
        rooms::{load_directory, CreateRoom},
    },
    model::{RoomKind, RoomSummary},
    ui::components::{shown_error, FormError},
};

/// The room directory: create a room, or find a public one and join it.
#[component]
pub fn RoomsPage() -> impl IntoView {
    let rooms = Resource::new(|| (), |_| load_directory());
    view! {
        <Title text="Rooms" />
        <main class="card wide">
            <p><a href="/rooms/general">"← Back to #general"</a></p>
            <h1>"Rooms"</h1>
            <CreateRoomForm />
            <h2>"Public rooms"</h2>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
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
    let create = ServerAction::<CreateRoom>::new();
    let query = use_query_map();
    let field = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    view! {
        <section aria-labelledby="create-heading">
            <h2 id="create-heading">"Create a room"</h2>
            <FormError error=shown_error(create.value()) />
            <ActionForm action=create>
                <label for="room-name">"Name"</label>
                <input id="room-name" name="name" required maxlength="50" value=field("name") />
                <label for="room-topic">"Topic (optional)"</label>
                <input id="room-topic" name="topic" maxlength="200" value=field("topic") />
                <fieldset>
                    <legend>"Who can see it"</legend>
                    <label class="choice">
                        <input type="radio" name="visibility" value="public" checked />
                        " Public: anyone can find and join it"
                    </label>
                    <label class="choice">
                        <input type="radio" name="visibility" value="private" />
                        " Private: members only, by invitation"
                    </label>
                </fieldset>
                <button type="submit" disabled=move || create.pending().get()>"Create room"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Directory(list: Vec<RoomSummary>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>"No public rooms yet."</p> }.into_any();
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
    let join = ServerAction::<JoinRoom>::new();
    let href = format!("/rooms/{}", room.slug);
    let join_label = format!("Join {}", room.name);
    let action = if room.is_member {
        view! { <a href=href.clone()>"Open"</a> }.into_any()
    } else {
        view! {
            <ActionForm action=join attr:class="inline">
                <input type="hidden" name="room" value=room.slug.clone() />
                <button type="submit" aria-label=join_label>"Join"</button>
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
