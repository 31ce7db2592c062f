use leptos::prelude::*;

use crate::model::Message;

/// One message. The body is text (escaped by the renderer); CSS keeps its newlines.
#[component]
pub fn MessageItem(message: Message) -> impl IntoView {
    let clock = message.clock_time().to_owned();
    view! {
        <article class="message" data-seq=message.seq>
            <header>
                <span class="author" title=format!("@{}", message.author_username)>
                    {message.author_display_name}
                </span>
                <time datetime=message.created_at>{clock}</time>
            </header>
            <p class="body">{message.body}</p>
        </article>
    }
}
