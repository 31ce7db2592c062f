use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::auth::SignUp,
    ui::components::{shown_error, FormError},
    ui::with_next,
};

#[component]
pub fn SignUpPage() -> impl IntoView {
    let sign_up = ServerAction::<SignUp>::new();
    let query = use_query_map();
    let field = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    let next = field("next");
    let sign_in_link = with_next("/signin", &next);
    view! {
        <Title text="Create an account" />
        <main class="card">
            <h1>"Create your kaiwa account"</h1>
            <FormError error=shown_error(sign_up.value()) />
            <ActionForm action=sign_up>
                <input type="hidden" name="next" value=next />
                <label for="username">"Username"</label>
                <input
                    id="username"
                    name="username"
                    autocomplete="username"
                    required
                    aria-describedby="username-help"
                    value=field("username")
                />
                <p id="username-help" class="help">"3–32 characters: a–z, 0–9, _ and -"</p>
                <label for="display_name">"Display name"</label>
                <input
                    id="display_name"
                    name="display_name"
                    autocomplete="nickname"
                    required
                    aria-describedby="display-name-help"
                    value=field("display_name")
                />
                <p id="display-name-help" class="help">"How others see you, e.g. 山田 花子 (up to 50 characters)"</p>
                <label for="password">"Password"</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="new-password"
                    required
                    aria-describedby="password-help"
                />
                <p id="password-help" class="help">"8–128 characters"</p>
                <button type="submit" disabled=move || sign_up.pending().get()>"Create account"</button>
            </ActionForm>
            <p>"Already have an account? " <a href=sign_in_link>"Sign in"</a></p>
        </main>
    }
}
