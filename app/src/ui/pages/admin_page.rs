use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use super::problem;
use crate::{
    api::admin::{load_admin, CreateBot, DeactivateUser, ReactivateUser, ADMIN},
    i18n::use_lang,
    model::{AdminView, BotEntry, UserEntry},
    tr,
    ui::components::{shown_error_of, BackToGeneral, FormError, Loading, TimeStamp},
};

/// Admins only: every account, with a button to deactivate or reactivate it.
#[component]
pub fn AdminPage() -> impl IntoView {
    let lang = use_lang();
    let view = Resource::new(|| (), |_| load_admin());
    view! {
        <Title text=tr!(lang, "admin-title") />
        <main class="card wide admin">
            <BackToGeneral />
            <h1>{tr!(lang, "admin-heading")}</h1>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match view.await {
                        Ok(AdminView { users, bots, new_bot_token }) => view! {
                            <Users users />
                            <Bots bots new_bot_token />
                        }
                        .into_any(),
                        Err(e) => problem(e, ADMIN.to_owned()),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Users(users: Vec<UserEntry>) -> impl IntoView {
    let lang = use_lang();
    let deactivate = ServerAction::<DeactivateUser>::new();
    let reactivate = ServerAction::<ReactivateUser>::new();
    let rows = users
        .into_iter()
        .map(|user| {
            let role = match (user.is_admin, user.is_bot) {
                (_, true) => tr!(lang, "admin-role-bot"),
                (true, _) => tr!(lang, "admin-role-admin"),
                _ => tr!(lang, "admin-role-member"),
            };
            let status = if user.deactivated {
                tr!(lang, "admin-status-deactivated")
            } else {
                tr!(lang, "admin-status-active")
            };
            let last_seen = match user.last_seen_at {
                Some(at) => view! { <TimeStamp at relative=true /> }.into_any(),
                None => tr!(lang, "admin-never").into_any(),
            };
            let username = user.username.clone();
            let action = if user.deactivated {
                let label = tr!(lang, "admin-reactivate-label", name = user.username.clone());
                view! {
                    <ActionForm action=reactivate attr:class="inline">
                        <input type="hidden" name="username" value=username />
                        <button type="submit" aria-label=label>{tr!(lang, "admin-reactivate")}</button>
                    </ActionForm>
                }
                .into_any()
            } else {
                let label = tr!(lang, "admin-deactivate-label", name = user.username.clone());
                view! {
                    <ActionForm action=deactivate attr:class="inline">
                        <input type="hidden" name="username" value=username />
                        <button type="submit" class="danger" aria-label=label>{tr!(lang, "admin-deactivate")}</button>
                    </ActionForm>
                }
                .into_any()
            };
            view! {
                <tr class:deactivated=user.deactivated>
                    <td>{user.display_name}</td>
                    <td><a href=format!("/people/{}", user.username)>"@" {user.username.clone()}</a></td>
                    <td>{role}</td>
                    <td>{status}</td>
                    <td>{last_seen}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <FormError error=shown_error_of(deactivate.value(), "users") />
        <FormError error=shown_error_of(reactivate.value(), "users") />
        <p class="help">{tr!(lang, "admin-help")}</p>
        <table class="users">
            <caption>{tr!(lang, "admin-accounts")}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr!(lang, "admin-col-name")}</th>
                    <th scope="col">{tr!(lang, "field-username")}</th>
                    <th scope="col">{tr!(lang, "admin-col-role")}</th>
                    <th scope="col">{tr!(lang, "admin-col-status")}</th>
                    <th scope="col">{tr!(lang, "admin-col-last-seen")}</th>
                    <th scope="col">{tr!(lang, "admin-col-action")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Bots: accounts for programs, with a token and an optional webhook.
#[component]
fn Bots(bots: Vec<BotEntry>, new_bot_token: Option<(String, String)>) -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateBot>::new();
    let fresh = new_bot_token.map(|(bot, token)| {
        view! {
            <div class="new-token">
                <label for="new-bot-token">{tr!(lang, "bots-new-token", bot = bot)}</label>
                <input id="new-bot-token" readonly value=token class="mono" />
            </div>
        }
    });
    let rows = bots
        .into_iter()
        .map(|bot| {
            let webhook = bot
                .webhook_url
                .unwrap_or_else(|| tr!(lang, "bots-no-webhook"));
            let private = bot
                .allow_private
                .then(|| format!(" {}", tr!(lang, "bots-private-allowed")));
            view! {
                <li>
                    <strong>{bot.display_name}</strong> " @" {bot.username} <br />
                    <span class="help mono-inline">{webhook} {private}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="bots-heading">
            <h2 id="bots-heading">{tr!(lang, "bots-heading")}</h2>
            <p class="help">{tr!(lang, "bots-help")}</p>
            {fresh}
            <FormError error=shown_error_of(create.value(), "bots") />
            <ul class="sessions">{rows}</ul>
            <ActionForm action=create>
                <label for="bot-username">{tr!(lang, "bots-username")}</label>
                <input id="bot-username" name="username" required maxlength="32" placeholder=tr!(lang, "bots-username-placeholder") />
                <label for="bot-name">{tr!(lang, "bots-display-name")}</label>
                <input id="bot-name" name="display_name" required maxlength="50" />
                <label for="bot-webhook">{tr!(lang, "bots-webhook")}</label>
                <input id="bot-webhook" name="webhook_url" type="url" placeholder="https://bots.example.org/kaiwa" />
                <label class="choice">
                    <input type="checkbox" name="allow_private" value="yes" />
                    " " {tr!(lang, "bots-allow-private")}
                </label>
                <button type="submit">{tr!(lang, "bots-create")}</button>
            </ActionForm>
        </section>
    }
}
