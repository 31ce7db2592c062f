//! Where I am signed in, and my API tokens.
use leptos::{form::ActionForm, prelude::*};

use super::Saved;
use crate::{
    api::account::{CreateToken, RevokeSession, RevokeToken},
    i18n::use_lang,
    i18n::Lang,
    model::{Device, SessionInfo, TokenInfo},
    tr,
    ui::components::{shown_error_of, FormError, TimeStamp},
};

#[component]
pub fn Sessions(sessions: Vec<SessionInfo>) -> impl IntoView {
    let lang = use_lang();
    let revoke = ServerAction::<RevokeSession>::new();
    let rows = sessions
        .into_iter()
        .map(|session| {
            let device = device_text(lang, &session.device);
            let label = if session.current {
                tr!(lang, "sessions-sign-out-this-label", device = device.clone())
            } else {
                tr!(lang, "sessions-sign-out-label", device = device.clone())
            };
            view! {
                <li>
                    // Proper names (browser, system): not for translation tools either.
                    <strong translate="no">{device}</strong>
                    {session.current.then(|| view! { <span class="tag">{tr!(lang, "sessions-this-device")}</span> })}
                    <br />
                    <span class="help">
                        {tr!(lang, "sessions-signed-in")} " " <TimeStamp at=session.signed_in_at relative=true />
                        " · " {tr!(lang, "sessions-last-seen")} " " <TimeStamp at=session.last_seen_at relative=true />
                    </span>
                    <ActionForm action=revoke attr:class="inline">
                        <input type="hidden" name="session" value=session.id />
                        <button type="submit" class="link" aria-label=label>{tr!(lang, "header-sign-out")}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{tr!(lang, "sessions-heading")}</h2>
            <Saved form="sessions" text=tr!(lang, "sessions-saved") />
            <FormError error=shown_error_of(revoke.value(), "sessions") />
            <ul class="sessions">{rows}</ul>
        </section>
    }
}

/// "Firefox on Linux", "Firefox", or that it is not known.
fn device_text(lang: Lang, device: &Device) -> String {
    match (&device.browser, &device.os) {
        (Some(browser), Some(os)) => {
            tr!(
                lang,
                "sessions-device",
                browser = browser.clone(),
                os = os.clone()
            )
        }
        (Some(browser), None) => browser.clone(),
        (None, _) => tr!(lang, "sessions-unknown-device"),
    }
}

/// Personal access tokens for scripts and bots: a new one is shown once.
#[component]
pub fn Tokens(tokens: Vec<TokenInfo>, new_token: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let fresh = new_token.map(|secret| {
        view! {
            <div class="new-token">
                <label for="new-token">{tr!(lang, "tokens-new")}</label>
                <input id="new-token" readonly value=secret class="mono" />
            </div>
        }
    });
    let rows = tokens
        .into_iter()
        .map(|token| {
            let label = tr!(lang, "tokens-revoke-label", name = token.name.clone());
            let used = match token.last_used_at {
                Some(at) => view! {
                    {tr!(lang, "tokens-last-used")} " " <TimeStamp at relative=true />
                }
                .into_any(),
                None => tr!(lang, "tokens-never-used").into_any(),
            };
            view! {
                <li>
                    <strong>{token.name}</strong>
                    <br />
                    <span class="help">
                        {tr!(lang, "tokens-created")} " " <TimeStamp at=token.created_at relative=true />
                        " · " {used}
                    </span>
                    <ActionForm action=revoke attr:class="inline">
                        <input type="hidden" name="token" value=token.id />
                        <button type="submit" class="link" aria-label=label>{tr!(lang, "tokens-revoke")}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">{tr!(lang, "tokens-heading")}</h2>
            <p class="help">
                {tr!(lang, "tokens-help-before")} " " <code>"Authorization: Bearer <token>"</code> " "
                {tr!(lang, "tokens-help-after")}
            </p>
            <Saved form="revoked" text=tr!(lang, "tokens-revoked") />
            {fresh}
            <FormError error=shown_error_of(create.value(), "tokens") />
            <FormError error=shown_error_of(revoke.value(), "tokens") />
            <ul class="sessions">{rows}</ul>
            <ActionForm action=create>
                <label for="token-name">{tr!(lang, "tokens-name")}</label>
                <input id="token-name" name="name" required maxlength="50" placeholder=tr!(lang, "tokens-name-placeholder") />
                <button type="submit">{tr!(lang, "tokens-create")}</button>
            </ActionForm>
        </section>
    }
}
