use leptos::prelude::*;

use super::MessageItem;
use crate::model::Message;

/// The room's messages, oldest first. An edited message has a new key, so it is drawn again. The outer box scrolls from the bottom (CSS
/// `column-reverse`), so new messages stay in view without any script.
#[component]
pub fn MessageList(messages: RwSignal<Vec<Message>>, room_name: String) -> impl IntoView {
    view! {
        <div class="messages-scroller">
            <div class="messages" role="log" aria-label=format!("Messages in #{room_name}") tabindex="0">
                <Show when=move || messages.with(Vec::is_empty)>
                    <p class="empty">"No messages yet. Say hello!"</p>
                </Show>
                <For each=move || messages.get() key=|m| (m.seq, m.edited, m.body.clone()) children=|message| view! { <MessageItem message /> } />
            </div>
        </div>
    }
}
