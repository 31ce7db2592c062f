use leptos::prelude::*;

use crate::{i18n::use_lang, tr};

/// What a page shows while its data loads (only ever seen after hydration: the server sends
/// complete pages).
#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading">{tr!(lang, "loading")}</p> }
}

/// The way back to everyone's room, at the top of the card pages.
#[component]
pub fn BackToGeneral() -> impl IntoView {
    let lang = use_lang();
    view! {
        <p>
            <a href="/rooms/general">{tr!(lang, "back-to-general")}</a>
        </p>
    }
}
