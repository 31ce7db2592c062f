use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::problem;
use crate::{
    api::{people::load_person, rooms::OpenDirect},
    i18n::use_lang,
    model::{Person, RoomKind},
    tr,
    ui::components::{shown_error, BackToGeneral, FormError, Loading},
};

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let username = move || params.with(|p| p.get("username").unwrap_or_default());
    let person = Resource::new(username, load_person);
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
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
    let lang = use_lang();
    let open = ServerAction::<OpenDirect>::new();
    let status = if person.online {
        tr!(lang, "person-online")
    } else {
        tr!(lang, "person-offline")
    };
    let shared = person
        .shared_rooms
        .into_iter()
        .map(|room| {
            let sigil = if room.kind == RoomKind::Direct {
                "@"
            } else {
                "#"
            };
            view! { <li><a href=format!("/rooms/{}", room.slug)>{sigil} {lang.person(&room.name)}</a></li> }
        })
        .collect_view();
    let heading = if person.is_me {
        tr!(lang, "person-your-rooms")
    } else {
        tr!(lang, "person-shared-rooms")
    };
    view! {
        <Title text=lang.person(&person.display_name) />
        <main class="card">
            <BackToGeneral />
            <h1>{lang.person(&person.display_name)}</h1>
            <p class="handle">"@" {person.username.clone()} " · " <span class="status">{status}</span></p>
            {(!person.is_me).then(|| view! {
                <FormError error=shown_error(open.value()) />
                <ActionForm action=open>
                    <input type="hidden" name="username" value=person.username.clone() />
                    <button type="submit">{tr!(lang, "person-direct-message")}</button>
                </ActionForm>
            })}
            <h2>{heading}</h2>
            <ul class="shared">{shared}</ul>
            {person.is_me.then(|| view! {
                <p>
                    {tr!(lang, "person-export")} " "
                    <a href="/api/v1/me/export/json" download>"JSON"</a> " · "
                    <a href="/api/v1/me/export/txt" download>{tr!(lang, "person-export-text")}</a>
                </p>
            })}
        </main>
    }
}
