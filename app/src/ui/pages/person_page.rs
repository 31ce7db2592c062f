use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::problem;
use crate::{
    api::{people::load_person, rooms::OpenDirect},
    model::{Person, RoomKind},
    ui::components::{shown_error, FormError},
};

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let username = move || params.with(|p| p.get("username").unwrap_or_default());
    let person = Resource::new(username, load_person);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match person.await {
                    Ok(person) => view! { <Profile person /> }.into_any(),
                    Err(e) => problem(e, format!("/people/{}", username())),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Profile(person: Person) -> impl IntoView {
    let open = ServerAction::<OpenDirect>::new();
    let status = if person.online { "Online" } else { "Offline" };
    let shared = person
        .shared_rooms
        .into_iter()
        .map(|room| {
            let sigil = if room.kind == RoomKind::Direct {
                "@"
            } else {
                "#"
            };
            view! { <li><a href=format!("/rooms/{}", room.slug)>{sigil} {room.name}</a></li> }
        })
        .collect_view();
    let heading = if person.is_me {
        "Your rooms"
    } else {
        "Rooms you share"
    };
    view! {
        <Title text=person.display_name.clone() />
        <main class="card">
            <p><a href="/rooms/general">"← Back to #general"</a></p>
            <h1>{person.display_name.clone()}</h1>
            <p class="handle">"@" {person.username.clone()} " · " <span class="status">{status}</span></p>
            {(!person.is_me).then(|| view! {
                <FormError error=shown_error(open.value()) />
                <ActionForm action=open>
                    <input type="hidden" name="username" value=person.username.clone() />
                    <button type="submit">"Send a direct message"</button>
                </ActionForm>
            })}
            <h2>{heading}</h2>
            <ul class="shared">{shared}</ul>
            {person.is_me.then(|| view! {
                <p>
                    "Download everything you wrote: "
                    <a href="/api/v1/me/export/json" download>"JSON"</a> " · "
                    <a href="/api/v1/me/export/txt" download>"text log"</a>
                </p>
            })}
        </main>
    }
}
