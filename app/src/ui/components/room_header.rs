use leptos::{form::ActionForm, prelude::*};

use super::{shown_error_of, FormError, LiveStatus};
use crate::model::live_protocol::LiveState;
use crate::{
    api::{auth::SignOut, members::LeaveRoom},
    i18n::use_lang,
    model::{Me, Room, RoomKind},
    tr,
};

#[component]
pub fn RoomHeader(
    room: Room,
    me: Me,
    live: RwSignal<LiveState>,
    is_member: bool,
    can_delete: bool,
    /// Whether the sidebar is unfolded (small screens, once hydrated).
    sidebar_open: RwSignal<bool>,
    /// Opens the keyboard shortcuts dialog.
    #[prop(into)]
    show_shortcuts: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let sign_out = ServerAction::<SignOut>::new();
    let leave = ServerAction::<LeaveRoom>::new();
    let can_leave = is_member && room.kind != RoomKind::Direct && room.slug != "general";
    let (sigil, kind_label) = match room.kind {
        RoomKind::Public => ("#", None),
        RoomKind::Private => ("#", Some(tr!(lang, "room-kind-private"))),
        RoomKind::Direct => ("@", Some(tr!(lang, "room-kind-direct"))),
    };
    let slug = room.slug.clone();
    let leave_slug = room.slug.clone();
    view! {
        <header class="room-header">
            <button
                type="button"
                class="sidebar-toggle needs-script"
                aria-controls="sidebar"
                aria-expanded=move || sidebar_open.get().to_string()
                on:click=move |_| sidebar_open.update(|open| *open = !*open)
            >
                {tr!(lang, "sidebar-toggle")}
            </button>
            <div class="title">
                <h1 id="room-heading" tabindex="-1">
                    <span aria-hidden="true">{sigil}</span>
                    {lang.person(&room.name)}
                </h1>
                {kind_label.map(|label| view! { <span class="tag">{label}</span> })}
                {(!room.topic.is_empty()).then(|| view! { <p class="topic">{room.topic}</p> })}
            </div>
            <LiveStatus state=live />
            <div class="me">
                <span>{tr!(lang, "header-signed-in-as", name = me.display_name)}</span>
                {can_leave
                    .then(|| {
                        view! {
                            <ActionForm action=leave attr:class="inline">
                                <input type="hidden" name="room" value=leave_slug.clone() />
                                <button type="submit" class="link">{tr!(lang, "header-leave")}</button>
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
                                {tr!(lang, "header-export")} " " <a href=json download>"JSON"</a> " · "
                                <a href=txt download>{tr!(lang, "header-export-text")}</a>
                            </span>
                        }
                    })}
                {can_delete
                    .then(|| {
                        view! { <a href=format!("/rooms/{slug}/delete")>{tr!(lang, "header-delete")}</a> }
                    })}
                {me.is_admin.then(|| view! { <a href="/admin">{tr!(lang, "header-admin")}</a> })}
                <a href="/settings">{tr!(lang, "header-settings")}</a>
                <button
                    type="button"
                    class="link needs-script"
                    aria-haspopup="dialog"
                    aria-keyshortcuts="Shift+?"
                    on:click=move |_| show_shortcuts.run(())
                >
                    {tr!(lang, "header-shortcuts")}
                </button>
                <ActionForm action=sign_out attr:class="inline">
                    <button type="submit" class="link">{tr!(lang, "header-sign-out")}</button>
                </ActionForm>
            </div>
            <FormError error=shown_error_of(leave.value(), "leave") />
        </header>
    }
}
