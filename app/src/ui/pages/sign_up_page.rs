use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::auth::SignUp,
    i18n::use_lang,
    tr,
    ui::components::{shown_error, FormError, LanguageChoice},
    ui::with_next,
};

#[component]
pub fn SignUpPage() -> impl IntoView {
    let lang = use_lang();
    let sign_up = ServerAction::<SignUp>::new();
    let query = use_query_map();
    let field = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    let next = field("next");
    let sign_in_link = with_next("/signin", &next);
    view! {
        <Title text=tr!(lang, "sign-up-title") />
        <main class="card">
            <h1>{tr!(lang, "sign-up-heading")}</h1>
            <FormError error=shown_error(sign_up.value()) />
            <ActionForm action=sign_up>
                <input type="hidden" name="next" value=next />
                <label for="username">{tr!(lang, "field-username")}</label>
                <input
                    id="username"
                    name="username"
                    autocomplete="username"
                    required
                    aria-describedby="username-help"
                    value=field("username")
                />
                <p id="username-help" class="help">{tr!(lang, "sign-up-username-help")}</p>
                <label for="display_name">{tr!(lang, "field-display-name")}</label>
                <input
                    id="display_name"
                    name="display_name"
                    autocomplete="nickname"
                    required
                    aria-describedby="display-name-help"
                    value=field("display_name")
                />
                <p id="display-name-help" class="help">{tr!(lang, "sign-up-display-name-help")}</p>
                <label for="password">{tr!(lang, "field-password")}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="new-password"
                    required
                    aria-describedby="password-help"
                />
                <p id="password-help" class="help">{tr!(lang, "sign-up-password-help")}</p>
                <button type="submit" disabled=move || sign_up.pending().get()>{tr!(lang, "sign-up-button")}</button>
            </ActionForm>
            <p>{tr!(lang, "sign-up-have-account")} " " <a href=sign_in_link>{tr!(lang, "sign-up-sign-in")}</a></p>
            <LanguageChoice compact=true />
        </main>
    }
}
