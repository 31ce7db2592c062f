use leptos::prelude::*;

use super::SearchForm;
use crate::model::{RoomKind, RoomSummary};

/// The reader's rooms and direct conversations, with unread counts kept current live.
#[component]
pub fn Sidebar(rooms: RwSignal<Vec<RoomSummary>>, current: String) -> impl IntoView {
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
                                {room.name}
                                {(room.kind == RoomKind::Private)
                                    .then(|| view! { <span class="tag">" private"</span> })}
                                {(room.mentions > 0)
                                    .then(|| {
                                        view! {
                                            <span class="badge mention-badge">
                                                "@" {room.mentions}
                                                <span class="visually-hidden">
                                                    {if room.mentions == 1 { " mention" } else { " mentions" }}
                                                </span>
                                            </span>
                                        }
                                    })}
                                {(room.unread > 0)
                                    .then(|| {
                                        view! {
                                            <span class="badge">
                                                {room.unread}
                                                <span class="visually-hidden">" unread"</span>
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
        <nav class="sidebar" aria-label="Your rooms">
            <SearchForm />
            <h2>"Rooms"</h2>
            <ul>{list(false)}</ul>
            <p>
                <a href="/rooms">"Browse or create rooms"</a>
            </p>
            <h2>"Direct messages"</h2>
            <ul>{list(true)}</ul>
        </nav>
    }
}
