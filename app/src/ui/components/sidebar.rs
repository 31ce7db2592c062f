use leptos::prelude::*;

use super::{SearchForm, ThemeSwitch};
use crate::{
    i18n::use_lang,
    model::{RoomKind, RoomSummary},
    tr,
};

/// The reader's rooms and direct conversations, with unread counts kept current live. On a
/// small screen it is folded away behind the header's "Rooms" button (`open`), except without
/// JavaScript (`public/noscript.css`).
#[component]
pub fn Sidebar(
    rooms: RwSignal<Vec<RoomSummary>>,
    current: String,
    #[prop(into)] open: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let current = StoredValue::new(current);
    let list = move |direct: bool| {
        move || {
            rooms
                .get()
                .into_iter()
                .filter(|r| (r.kind == RoomKind::Direct) == direct)
                .map(|room| {
                    let here = current.with_value(|c| *c == room.slug);
                    let prefix = if direct { "@ " } else { "# " };
                    view! {
                        <li>
                            <a
                                href=format!("/rooms/{}", room.slug)
                                aria-current=here.then_some("page")
                                class=(room.unread > 0).then_some("unread")
                            >
                                <span aria-hidden="true">{prefix}</span>
                                {lang.person(&room.name)}
                                {(room.kind == RoomKind::Private)
                                    .then(|| view! { <span class="tag">{tr!(lang, "tag-private")}</span> })}
                                {(room.mentions > 0)
                                    .then(|| {
                                        view! {
                                            <span class="badge mention-badge">
                                                "@" {room.mentions}
                                                <span class="visually-hidden">
                                                    " " {tr!(lang, "sidebar-mentions", n = room.mentions)}
                                                </span>
                                            </span>
                                        }
                                    })}
                                {(room.unread > 0)
                                    .then(|| {
                                        view! {
                                            <span class="badge">
                                                {room.unread}
                                                <span class="visually-hidden">
                                                    " " {tr!(lang, "sidebar-unread", n = room.unread)}
                                                </span>
                                            </span>
                                        }
                                    })}
                            </a>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <nav
            id="sidebar"
            class="sidebar collapsible"
            class:open=open
            aria-label=tr!(lang, "sidebar-label")
        >
            <SearchForm />
            <h2>{tr!(lang, "sidebar-rooms")}</h2>
            <ul>{list(false)}</ul>
            <p>
                <a href="/rooms">{tr!(lang, "sidebar-browse")}</a>
            </p>
            <h2>{tr!(lang, "sidebar-direct")}</h2>
            <ul>{list(true)}</ul>
            <ThemeSwitch />
        </nav>
    }
}
