use leptos::prelude::*;

/// A plain GET form: works the same with and without JavaScript.
#[component]
pub fn SearchForm(#[prop(optional, into)] query: String) -> impl IntoView {
    view! {
        <form action="/search" method="get" role="search" class="search">
            <label for="search-q">"Search messages"</label>
            <div class="row">
                <input id="search-q" name="q" type="search" value=query maxlength="100" />
                <button type="submit">"Search"</button>
            </div>
        </form>
    }
}
