use leptos::prelude::*;

use crate::{i18n::use_lang, tr};

/// A plain GET form: works the same with and without JavaScript.
#[component]
pub fn SearchForm(#[prop(optional, into)] query: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <form action="/search" method="get" role="search" class="search">
            <label for="search-q">{tr!(lang, "search-label")}</label>
            <div class="row">
                <input id="search-q" name="q" type="search" value=query maxlength="100" />
                <button type="submit">{tr!(lang, "search-button")}</button>
            </div>
        </form>
    }
}
