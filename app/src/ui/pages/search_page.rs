use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::problem;
use crate::{
    api::search::search_messages,
    i18n::use_lang,
    model::{search::excerpt, Message, SearchResults},
    tr,
    ui::components::{BackToGeneral, SearchForm, TimeStamp},
};

#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let q = move || query.with(|q| q.get("q").unwrap_or_default());
    let results = Resource::new(q, search_messages);
    view! {
        <Title text=tr!(lang, "search-title") />
        <main class="card wide">
            <BackToGeneral />
            <h1>{tr!(lang, "search-title")}</h1>
            <SearchForm query=q() />
            <Suspense fallback=move || view! { <p class="loading">{tr!(lang, "search-searching")}</p> }>
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
    let lang = use_lang();
    if results.terms.is_empty() {
        return view! { <p>{tr!(lang, "search-empty")}</p> }.into_any();
    }
    let count = results.messages.len();
    let terms = results.terms;
    view! {
        <p role="status">
            {match count {
                0 => tr!(lang, "search-nothing", query = results.query.clone()),
                n => tr!(lang, "search-found", n = n, query = results.query.clone()),
            }}
        </p>
        <ol class="results">
            {results
                .messages
                .into_iter()
                .map(|message| {
                    let room_name = results.room_names.get(&message.room).cloned();
                    view! { <Hit message room_name terms=terms.clone() /> }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn Hit(message: Message, room_name: Option<String>, terms: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    let permalink = format!(
        "/rooms/{}?around={}#m-{}",
        message.room, message.seq, message.seq
    );
    let name = room_name.unwrap_or_else(|| message.room.clone());
    let place = if message.room.starts_with("dm-") {
        tr!(lang, "search-in-direct", name = name)
    } else {
        tr!(lang, "search-in-room", room = name)
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
                {tr!(lang, "search-hit-meta", author = lang.person(&message.author_display_name), place = place)}
                " · "
                <TimeStamp at=message.created_at.clone() />
            </p>
            <a href=permalink class="excerpt">{pieces}</a>
        </li>
    }
}
