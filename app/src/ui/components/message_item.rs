use leptos::prelude::*;

use super::{MessageActions, Reactions, TimeStamp, Viewer};
use crate::{i18n::use_lang, model::Message, tr};

/// One message. Its body is the HTML the server rendered and sanitised when the message was
/// written (`server::messages::formatting`); a message not rendered yet shows its text, escaped.
/// `first_unread` marks where the reader's unread messages begin.
#[component]
pub fn MessageItem(
    message: Message,
    #[prop(optional)] highlighted: bool,
    #[prop(optional)] first_unread: bool,
) -> impl IntoView {
    let lang = use_lang();
    let private = message.recipient_display_name.clone().map(|to| {
        view! { <span class="private-tag">{tr!(lang, "message-private-to", name = lang.person(&to))}</span> }
    });
    let is_private = message.is_private();
    let permalink = format!(
        "/rooms/{}?around={}#m-{}",
        message.room, message.seq, message.seq
    );
    let edited = message
        .edited
        .then(|| view! { <span class="edited">{tr!(lang, "message-edited")}</span> });
    let actions = view! { <MessageActions message=message.clone() /> };
    let reactions = view! { <Reactions message=message.clone() /> };
    let mentions_me =
        use_context::<Viewer>().is_some_and(|viewer| message.mentioned.contains(&viewer.username));
    let mention_tag = mentions_me
        .then(|| view! { <span class="mention-tag">{tr!(lang, "message-mentions-you")}</span> });
    let unread_marker = first_unread
        .then(|| view! { <p class="unread-marker" id="first-unread">{tr!(lang, "message-first-unread")}</p> });
    // A text on the page already (an island hydrating) keeps the server's HTML: an empty
    // `inner_html` is not written while hydrating.
    let body = match message.html.is_empty() && !message.text_on_page() {
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
            tabindex="-1"
        >
            {unread_marker}
            <header>
                <span class="author" title=format!("@{}", message.author_username)>
                    {lang.person(&message.author_display_name)}
                </span>
                {crate::rules::is_guest(&message.author_username)
                    .then(|| view! { <span class="tag guest">{tr!(lang, "tag-guest")}</span> })}
                {private}
                {mention_tag}
                <a class="permalink" href=permalink title=tr!(lang, "message-permalink")>
                    <TimeStamp at=message.created_at />
                </a>
                {edited}
                {actions}
            </header>
            {body}
            {reactions}
        </article>
    }
}
