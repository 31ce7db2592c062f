use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::auth::{guest_access, EnterAsGuest, SignIn},
    ui::components::{shown_error, shown_error_of, FormError},
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
            <GuestEntry />
        </main>
    }
}

/// "Visit as a guest", when the server allows it.
#[component]
fn GuestEntry() -> impl IntoView {
    let enter = ServerAction::<EnterAsGuest>::new();
    let allowed = Resource::new(|| (), |_| guest_access());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                matches!(allowed.await, Ok(true)).then(|| view! {
                    <section class="guest" aria-labelledby="guest-heading">
                        <h2 id="guest-heading">"Just visiting?"</h2>
                        <FormError error=shown_error_of(enter.value(), "guest") />
                        <ActionForm action=enter>
                            <label for="nickname">"Nickname (optional)"</label>
                            <input id="nickname" name="nickname" maxlength="50" placeholder="We will make one up if you leave it empty" />
                            <button type="submit">"Enter as a guest"</button>
                        </ActionForm>
                        <p class="help">"Guests can talk in general. Your name is marked as a guest's."</p>
                    </section>
                })
            })}
        </Suspense>
    }
}
