use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Not found" />
        <main class="card">
            <h1>"Not found"</h1>
            <p>"There is nothing here. " <a href="/rooms/general">"Go to #general"</a></p>
        </main>
    }
}
