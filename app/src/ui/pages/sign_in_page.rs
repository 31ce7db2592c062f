use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::auth::SignIn,
    ui::components::{shown_error, FormError},
    ui::with_next,
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let field = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    let next = field("next");
    let sign_up_link = with_next("/signup", &next);
    view! {
        <Title text="Sign in" />
        <main class="card">
            <h1>"Sign in to kaiwa"</h1>
            <FormError error=shown_error(sign_in.value()) />
            <ActionForm action=sign_in>
                <input type="hidden" name="next" value=next />
                <label for="username">"Username"</label>
                <input id="username" name="username" autocomplete="username" required value=field("username") />
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
                <button type="submit" disabled=move || sign_in.pending().get()>"Sign in"</button>
            </ActionForm>
            <p>"New here? " <a href=sign_up_link>"Create an account"</a></p>
        </main>
    }
}
