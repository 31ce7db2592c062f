use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::problem;
use crate::{
    api::account::{
        load_settings, ChangePassword, CreateToken, DeleteAccount, RenameMe, RevokeSession,
        RevokeToken, SETTINGS,
    },
    model::{AccountSettings, SessionInfo, TokenInfo},
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
    // A guest has no password, tokens or account to delete: signing out ends the visit.
    let account = (!me.is_guest()).then(|| {
        view! {
            <PasswordForm />
            <Sessions sessions=settings.sessions />
            <Tokens tokens=settings.tokens new_token=settings.new_token />
            <DeleteForm />
        }
    });
    view! {
        <p>"Signed in as " <strong>{me.display_name.clone()}</strong> " (@" {me.username.clone()} ")"</p>
        <NameForm current=me.display_name />
        {account}
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
                        "Signed in " <time datetime=session.signed_in_at.clone()>{utc(&session.signed_in_at)}</time>
                        " · last seen " <time datetime=session.last_seen_at.clone()>{utc(&session.last_seen_at)}</time>
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

/// Personal access tokens for scripts and bots: a new one is shown once.
#[component]
fn Tokens(tokens: Vec<TokenInfo>, new_token: Option<String>) -> impl IntoView {
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    after_success(create);
    after_success(revoke);
    let fresh = new_token.map(|secret| {
        view! {
            <div class="new-token">
                <label for="new-token">"Your new token (copy it now: it is not shown again)"</label>
                <input id="new-token" readonly value=secret class="mono" />
            </div>
        }
    });
    let rows = tokens
        .into_iter()
        .map(|token| {
            let label = format!("Revoke {}", token.name);
            let used = token
                .last_used_at
                .map(|at| format!("last used {}", utc(&at)))
                .unwrap_or_else(|| "never used".to_owned());
            view! {
                <li>
                    <strong>{token.name}</strong>
                    <br />
                    <span class="help">
                        "Created " <time datetime=token.created_at.clone()>{utc(&token.created_at)}</time>
                        " · " {used}
                    </span>
                    <ActionForm action=revoke attr:class="inline">
                        <input type="hidden" name="token" value=token.id />
                        <button type="submit" class="link" aria-label=label>"Revoke"</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">"API tokens"</h2>
            <p class="help">
                "For scripts and bots: send " <code>"Authorization: Bearer <token>"</code>
                " (see the API documentation). A token can do what you can."
            </p>
            <Saved form="revoked" text="The token is revoked." />
            {fresh}
            <FormError error=shown_error_of(create.value(), "tokens") />
            <FormError error=shown_error_of(revoke.value(), "tokens") />
            <ul class="sessions">{rows}</ul>
            <ActionForm action=create>
                <label for="token-name">"Token name"</label>
                <input id="token-name" name="name" required maxlength="50" placeholder="e.g. deploy bot" />
                <button type="submit">"Create token"</button>
            </ActionForm>
        </section>
    }
}

/// `2026-11-24T10:00:00Z` as `2026-11-24 10:00:00 UTC`.
fn utc(at: &str) -> String {
    at.replace('T', " ").replace('Z', " UTC")
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
