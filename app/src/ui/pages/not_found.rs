use leptos::prelude::*;
use leptos_meta::Title;

use crate::{i18n::use_lang, tr};

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=tr!(lang, "not-found-title") />
        <main class="card">
            <h1>{tr!(lang, "not-found-title")}</h1>
            <p>{tr!(lang, "not-found-text")} " " <a href="/rooms/general">{tr!(lang, "go-to-general")}</a></p>
        </main>
    }
}
