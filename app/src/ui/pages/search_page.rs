use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::problem;
use crate::{
    api::search::search_messages,
    model::{search::excerpt, Message, SearchResults},
    ui::components::SearchForm,
};

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.with(|q| q.get("q").unwrap_or_default());
    let results = Resource::new(q, search_messages);
    view! {
        <Title text="Search" />
        <main class="card wide">
            <p><a href="/rooms/general">"← Back to #general"</a></p>
            <h1>"Search"</h1>
            <SearchForm query=q() />
            <Suspense fallback=|| view! { <p class="loading">"Searching…"</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(results) => view! { <Results results /> }.into_any(),
                        Err(e) => problem(e, format!("/search?q={}", crate::ui::encode_query_value(&q()))),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Results(results: SearchResults) -> impl IntoView {
    if results.terms.is_empty() {
        return view! { <p>"Type a word or phrase: 日本語 works too."</p> }.into_any();
    }
    let count = results.messages.len();
    let terms = results.terms;
    view! {
        <p role="status">
            {match count {
                0 => format!("Nothing found for “{}”.", results.query),
                1 => format!("1 message found for “{}”.", results.query),
                n => format!("{n} messages found for “{}”.", results.query),
            }}
        </p>
        <ol class="results">
            {results
                .messages
                .into_iter()
                .map(|message| view! { <Hit message terms=terms.clone() /> })
                .collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn Hit(message: Message, terms: Vec<String>) -> impl IntoView {
    let permalink = format!(
        "/rooms/{}?around={}#m-{}",
        message.room, message.seq, message.seq
    );
    let place = if message.room.starts_with("dm-") {
        "direct message".to_owned()
    } else {
        format!("#{}", message.room)
    };
    let pieces = excerpt(&message.body, &terms)
        .into_iter()
        .map(|(text, hit)| {
            if hit {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view();
    view! {
        <li>
            <p class="meta">
                <strong>{message.author_display_name}</strong>
                " in " {place} " · "
                <time datetime=message.created_at.clone()>{message.created_at.get(..16).unwrap_or_default().replace('T', " ")} " UTC"</time>
            </p>
            <a href=permalink class="excerpt">{pieces}</a>
        </li>
    }
}
