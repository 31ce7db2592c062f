use leptos::prelude::*;

use super::{MessageActions, Reactions, Viewer};
use crate::model::Message;

/// One message. Its body is the HTML the server rendered and sanitised when the message was
/// written (`server::formatting`); a message not rendered yet shows its text, escaped.
#[component]
pub fn MessageItem(message: Message, #[prop(optional)] highlighted: bool) -> impl IntoView {
    let clock = RwSignal::new(format!("{} UTC", message.clock_time()));
    show_local_time(clock, message.created_at.clone());
    let private = message.recipient_display_name.clone().map(|to| {
        view! { <span class="private-tag">"Private · to " {to}</span> }
    });
    let is_private = message.is_private();
    let permalink = format!(
        "/rooms/{}?around={}#m-{}",
        message.room, message.seq, message.seq
    );
    let edited = message
        .edited
        .then(|| view! { <span class="edited">"(edited)"</span> });
    let actions = view! { <MessageActions message=message.clone() /> };
    let reactions = view! { <Reactions message=message.clone() /> };
    let mentions_me =
        use_context::<Viewer>().is_some_and(|viewer| message.mentioned.contains(&viewer.username));
    let mention_tag =
        mentions_me.then(|| view! { <span class="mention-tag">"Mentions you"</span> });
    let body = match message.html.is_empty() {
        true => view! { <p class="body plain">{message.body}</p> }.into_any(),
        false => view! { <div class="body" inner_html=message.html></div> }.into_any(),
    };
    view! {
        <article
            class="message"
            class:private=is_private
            class:highlighted=highlighted
            class:mentions-me=mentions_me
            id=format!("m-{}", message.seq)
            data-seq=message.seq
        >
            <header>
                <span class="author" title=format!("@{}", message.author_username)>
                    {message.author_display_name}
                </span>
                {crate::rules::is_guest(&message.author_username)
                    .then(|| view! { <span class="tag guest">"guest"</span> })}
                {private}
                {mention_tag}
                <a class="permalink" href=permalink title="Link to this message">
                    <time datetime=message.created_at>{move || clock.get()}</time>
                </a>
                {edited}
                {actions}
            </header>
            {body}
            {reactions}
        </article>
    }
}

/// The server knows no reader's time zone, so it renders UTC; once hydrated, the browser shows
/// the reader's local time instead.
fn show_local_time(clock: RwSignal<String>, created_at: String) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&created_at));
        if !date.get_time().is_nan() {
            clock.set(format!("{:02}:{:02}", date.get_hours(), date.get_minutes()));
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (clock, created_at);
}
