use leptos::{form::ActionForm, prelude::*};

use super::{LiveState, LiveStatus};
use crate::{
    api::auth::SignOut,
    model::{Me, Room},
};

#[component]
pub fn RoomHeader(room: Room, me: Me, live: RwSignal<LiveState>) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <header class="room-header">
            <h1>
                <span aria-hidden="true">"#"</span>
                {room.name}
            </h1>
            <LiveStatus state=live />
            <div class="me">
                <span>"Signed in as " <strong>{me.display_name}</strong></span>
                <ActionForm action=sign_out>
                    <button type="submit" class="link">"Sign out"</button>
                </ActionForm>
            </div>
        </header>
    }
}
