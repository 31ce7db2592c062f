use leptos::prelude::*;

use super::MessageItem;
use crate::{i18n::use_lang, tr, ui::room_state::RoomState};

/// The room's messages, oldest first. The outer box scrolls from the bottom (CSS
/// `column-reverse`), so new messages stay in view without any script, and older ones put in
/// front keep the reader's place. "Older messages" is a link (a page of its own without
/// JavaScript); hydrated, it loads in place, and so does scrolling near the top. A changed
/// message (edited, reacted to) has a new key, so it is drawn again.
#[component]
pub fn MessageList(state: RoomState, room: String, room_name: String) -> impl IntoView {
    let lang = use_lang();
    let loading = RwSignal::new(false);
    let room = StoredValue::new(room);
    let load_older = move || {
        let Some(before) = state.older.get_untracked() else {
            return;
        };
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        let room = room.get_value();
        leptos::task::spawn_local(async move {
            if let Ok(history) = crate::api::rooms::load_older(room, before).await {
                state.add_older(history.messages, history.more);
            }
            loading.set(false);
        });
    };
    let older_link = move || {
        state.older.get().map(|before| {
            let href = room.with_value(|r| format!("/rooms/{r}?before={before}"));
            view! {
                <a
                    class="older"
                    href=href
                    on:click=move |ev| {
                        ev.prevent_default();
                        load_older();
                    }
                >
                    {move || {
                        if loading.get() {
                            tr!(lang, "loading")
                        } else {
                            tr!(lang, "history-older")
                        }
                    }}
                </a>
            }
        })
    };
    let newer_links = state.newer.map(|after| {
        let (newer, latest) =
            room.with_value(|r| (format!("/rooms/{r}?after={after}"), format!("/rooms/{r}")));
        view! {
            <p class="history-nav">
                <a href=newer>{tr!(lang, "history-newer")}</a>
                " · "
                <a href=latest>{tr!(lang, "history-latest")}</a>
            </p>
        }
    });
    // Moving focus up the list (Tab, a screen reader) scrolls it too, but is no wish for older
    // messages: loading them would push everything, the message box included, away. Scrolling
    // that follows a focus change at once is the browser showing the focused element.
    let focus_moved_at = StoredValue::new(f64::NEG_INFINITY);
    let focus_moved = move |_: leptos::ev::FocusEvent| focus_moved_at.set_value(now_ms());
    let near_top = move |ev: leptos::ev::Event| {
        use leptos::wasm_bindgen::JsCast;
        if now_ms() - focus_moved_at.get_value() < FOCUS_SCROLL_MS {
            return;
        }
        let Some(scroller) = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
        else {
            return;
        };
        // In a column-reverse box, scrollTop is 0 at the bottom and negative upwards.
        let from_top = f64::from(scroller.scroll_height() - scroller.client_height())
            - f64::from(scroller.scroll_top()).abs();
        if from_top < 200.0 {
            load_older();
        }
    };
    view! {
        <div class="messages-scroller" on:scroll=near_top on:focusin=focus_moved>
            <div
                id="messages"
                class="messages"
                role="log"
                aria-live="polite"
                aria-relevant="additions"
                aria-label=tr!(lang, "messages-label", room = room_name)
                tabindex="0"
            >
                {older_link}
                <Show when=move || state.messages.with(Vec::is_empty)>
                    <p class="empty">{tr!(lang, "messages-empty")}</p>
                </Show>
                <For
                    each=move || state.messages.get()
                    key=|m| (m.seq, m.changed)
                    children=move |message| {
                        let highlighted = state.highlight == Some(message.seq);
                        let first_unread = state.first_unread == Some(message.seq);
                        view! { <MessageItem message highlighted first_unread /> }
                    }
                />
                {newer_links}
            </div>
        </div>
    }
}

/// How long after focus moves a scroll counts as the browser's, not the reader's.
const FOCUS_SCROLL_MS: f64 = 500.0;

fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}
