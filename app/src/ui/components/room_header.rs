use leptos::{form::ActionForm, prelude::*};

use super::{shown_error_of, FormError, LiveState, LiveStatus};
use crate::{
    api::{auth::SignOut, members::LeaveRoom},
    model::{Me, Room, RoomKind},
};

#[component]
pub fn RoomHeader(
    room: Room,
    me: Me,
    live: RwSignal<LiveState>,
    is_member: bool,
    can_delete: bool,
) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let leave = ServerAction::<LeaveRoom>::new();
    let can_leave = is_member && room.kind != RoomKind::Direct && room.slug != "general";
    let (sigil, kind_label) = match room.kind {
        RoomKind::Public => ("#", None),
        RoomKind::Private => ("#", Some("Private room")),
        RoomKind::Direct => ("@", Some("Direct messages")),
    };
    let slug = room.slug.clone();
    let leave_slug = room.slug.clone();
    view! {
        <header class="room-header">
            <div class="title">
                <h1>
                    <span aria-hidden="true">{sigil}</span>
                    {room.name}
                </h1>
                {kind_label.map(|label| view! { <span class="tag">{label}</span> })}
                {(!room.topic.is_empty()).then(|| view! { <p class="topic">{room.topic}</p> })}
            </div>
            <LiveStatus state=live />
            <div class="me">
                <span>"Signed in as " <strong>{me.display_name}</strong></span>
                {can_leave
                    .then(|| {
                        view! {
                            <ActionForm action=leave attr:class="inline">
                                <input type="hidden" name="room" value=leave_slug.clone() />
                                <button type="submit" class="link">"Leave room"</button>
                            </ActionForm>
                        }
                    })}
                {is_member
                    .then(|| {
                        let (json, txt) = (
                            format!("/api/v1/rooms/{slug}/export/json"),
                            format!("/api/v1/rooms/{slug}/export/txt"),
                        );
                        view! {
                            <span class="export">
                                "Export: " <a href=json download>"JSON"</a> " · "
                                <a href=txt download>"text"</a>
                            </span>
                        }
                    })}
                {can_delete
                    .then(|| {
                        view! { <a href=format!("/rooms/{slug}/delete")>"Delete room…"</a> }
                    })}
                {me.is_admin.then(|| view! { <a href="/admin">"Admin"</a> })}
                <a href="/settings">"Settings"</a>
                <ActionForm action=sign_out attr:class="inline">
                    <button type="submit" class="link">"Sign out"</button>
                </ActionForm>
            </div>
            <FormError error=shown_error_of(leave.value(), "leave") />
        </header>
    }
}
