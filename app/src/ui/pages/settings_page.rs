use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::problem;
use crate::{
    api::account::{
        load_settings, ChangePassword, DeleteAccount, RenameMe, RevokeSession, SETTINGS,
    },
    model::{AccountSettings, SessionInfo},
    ui::components::{after_success, shown_error_of, FormError, Refresh},
};

/// My account: display name, password, where I am signed in, and deleting the account. Every
/// form is a plain form (post/redirect/get) that the hydrated page sends in place.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let refresh = Refresh(RwSignal::new(0));
    provide_context(refresh);
    let settings = Resource::new(move || refresh.track(), |_| load_settings());
    view! {
        <Title text="Settings" />
        <main class="card wide settings">
            <p><a href="/rooms/general">"← Back to #general"</a></p>
            <h1>"Settings"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(settings) => view! { <Sections settings /> }.into_any(),
                        Err(e) => problem(e, SETTINGS.to_owned()),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Sections(settings: AccountSettings) -> impl IntoView {
    let me = settings.me;
    view! {
        <p>"Signed in as " <strong>{me.display_name.clone()}</strong> " (@" {me.username} ")"</p>
        <NameForm current=me.display_name />
        <PasswordForm />
        <Sessions sessions=settings.sessions />
        <DeleteForm />
    }
}

/// Says that `form` worked, after its post/redirect/get (`?saved=<form>`), with or without
/// JavaScript.
#[component]
fn Saved(form: &'static str, text: &'static str) -> impl IntoView {
    let query = use_query_map();
    move || {
        (query.read().get("saved").as_deref() == Some(form))
            .then(|| view! { <p role="status" class="saved">{text}</p> })
    }
}

#[component]
fn NameForm(current: String) -> impl IntoView {
    let rename = ServerAction::<RenameMe>::new();
    after_success(rename);
    view! {
        <section aria-labelledby="name-heading">
            <h2 id="name-heading">"Display name"</h2>
            <Saved form="name" text="Your name is saved." />
            <FormError error=shown_error_of(rename.value(), "name") />
            <ActionForm action=rename>
                <label for="display-name">"Display name"</label>
                <input id="display-name" name="display_name" value=current required maxlength="50" />
                <button type="submit">"Save name"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    after_success(change);
    view! {
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">"Password"</h2>
            <p class="help">"Changing it signs you out everywhere else."</p>
            <Saved form="password" text="Password changed. Your other sessions are signed out." />
            <FormError error=shown_error_of(change.value(), "password") />
            <ActionForm action=change>
                <label for="current-password">"Current password"</label>
                <input id="current-password" name="current_password" type="password" autocomplete="current-password" required />
                <label for="new-password">"New password"</label>
                <input id="new-password" name="new_password" type="password" autocomplete="new-password" minlength="8" maxlength="128" required />
                <button type="submit">"Change password"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Sessions(sessions: Vec<SessionInfo>) -> impl IntoView {
    let revoke = ServerAction::<RevokeSession>::new();
    after_success(revoke);
    let rows = sessions
        .into_iter()
        .map(|session| {
            let label = if session.current {
                format!("Sign out {} (this device)", session.device)
            } else {
                format!("Sign out {}", session.device)
            };
            view! {
                <li>
                    <strong>{session.device}</strong>
                    {session.current.then(|| view! { <span class="tag">" this device"</span> })}
                    <br />
                    <span class="help">
                        "Signed in " <time datetime=session.signed_in_at.clone()>{session.signed_in_at.replace('T', " ").replace('Z', " UTC")}</time>
                        " · last seen " <time datetime=session.last_seen_at.clone()>{session.last_seen_at.replace('T', " ").replace('Z', " UTC")}</time>
                    </span>
                    <ActionForm action=revoke attr:class="inline">
                        <input type="hidden" name="session" value=session.id />
                        <button type="submit" class="link" aria-label=label>"Sign out"</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Where you are signed in"</h2>
            <Saved form="sessions" text="That session is signed out." />
            <FormError error=shown_error_of(revoke.value(), "sessions") />
            <ul class="sessions">{rows}</ul>
        </section>
    }
}

#[component]
fn DeleteForm() -> impl IntoView {
    let delete = ServerAction::<DeleteAccount>::new();
    view! {
        <section aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete account"</h2>
            <p class="help">
                "Your messages stay, shown as from a deleted user. You leave every room, and "
                "every session ends. This cannot be undone."
            </p>
            <FormError error=shown_error_of(delete.value(), "delete") />
            <ActionForm action=delete>
                <label for="delete-password">"Your password"</label>
                <input id="delete-password" name="password" type="password" autocomplete="current-password" required />
                <button type="submit" class="danger">"Delete my account"</button>
            </ActionForm>
        </section>
    }
}
