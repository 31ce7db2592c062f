use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Redirect, hooks::use_params_map};

use super::NotFound;
use crate::{
    api::rooms::load_room,
    model::{message::merge_into, Message, RoomPage as Page},
    ui::{
        components::{Composer, LiveState, MessageList, RoomHeader},
        with_next,
    },
    AppError,
};

#[component]
pub fn RoomPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let page = Resource::new(slug, load_room);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Room page /> }.into_any(),
                    Err(AppError::SignInRequired) => {
                        let to = with_next("/signin", &format!("/rooms/{}", slug()));
                        view! { <Redirect path=to /> }.into_any()
                    }
                    Err(AppError::RoomNotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! {
                        <main class="card">
                            <h1>"This room could not be loaded"</h1>
                            <p role="alert">{e.to_string()}</p>
                        </main>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// A room with its messages, kept current by the live connection once hydrated.
#[component]
fn Room(page: Page) -> impl IntoView {
    let Page {
        room,
        me,
        messages,
        last_seq,
        client_id,
    } = page;
    let messages = RwSignal::new(messages);
    let live = RwSignal::new(LiveState::Idle);
    let add = move |message: Message| messages.update(|list| _ = merge_into(list, message));

    #[cfg(feature = "hydrate")]
    {
        let stop = crate::live::follow_room(room.slug.clone(), last_seq, live, move |event| {
            if let crate::model::LiveEvent::MessagePosted { message, .. } = event {
                add(message);
            }
        });
        on_cleanup(move || drop(stop));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = last_seq;

    view! {
        <Title text=format!("#{}", room.name) />
        <main class="room">
            <RoomHeader room=room.clone() me live />
            <MessageList messages room_name=room.name.clone() />
            <Composer room=room.slug client_id on_posted=add />
        </main>
    }
}
