use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::auth::{guest_access, EnterAsGuest, SignIn},
    i18n::use_lang,
    tr,
    ui::components::{shown_error, shown_error_of, FormError, LanguageChoice},
    ui::with_next,
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let sign_in = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let field = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    let next = field("next");
    let sign_up_link = with_next("/signup", &next);
    view! {
        <Title text=tr!(lang, "sign-in-title") />
        <main class="card">
            <h1>{tr!(lang, "sign-in-heading")}</h1>
            <FormError error=shown_error(sign_in.value()) />
            <ActionForm action=sign_in>
                <input type="hidden" name="next" value=next />
                <label for="username">{tr!(lang, "field-username")}</label>
                <input id="username" name="username" autocomplete="username" required value=field("username") />
                <label for="password">{tr!(lang, "field-password")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
                <button type="submit" disabled=move || sign_in.pending().get()>{tr!(lang, "sign-in-button")}</button>
            </ActionForm>
            <p>{tr!(lang, "sign-in-new-here")} " " <a href=sign_up_link>{tr!(lang, "sign-in-create-account")}</a></p>
            <GuestEntry />
            <LanguageChoice compact=true />
        </main>
    }
}

/// "Visit as a guest", when the server allows it.
#[component]
fn GuestEntry() -> impl IntoView {
    let lang = use_lang();
    let enter = ServerAction::<EnterAsGuest>::new();
    let allowed = Resource::new(|| (), |_| guest_access());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                matches!(allowed.await, Ok(true)).then(|| view! {
                    <section class="guest" aria-labelledby="guest-heading">
                        <h2 id="guest-heading">{tr!(lang, "guest-heading")}</h2>
                        <FormError error=shown_error_of(enter.value(), "guest") />
                        <ActionForm action=enter>
                            <label for="nickname">{tr!(lang, "guest-nickname")}</label>
                            <input id="nickname" name="nickname" maxlength="50" placeholder=tr!(lang, "guest-nickname-placeholder") />
                            <button type="submit">{tr!(lang, "guest-enter")}</button>
                        </ActionForm>
                        <p class="help">{tr!(lang, "guest-help")}</p>
                    </section>
                })
            })}
        </Suspense>
    }
}
