use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use super::problem;
use crate::{
    api::admin::{load_admin, CreateBot, DeactivateUser, ReactivateUser, ADMIN},
    model::{AdminView, BotEntry, UserEntry},
    ui::components::{after_success, shown_error_of, FormError, Refresh},
};

/// Admins only: every account, with a button to deactivate or reactivate it.
#[component]
pub fn AdminPage() -> impl IntoView {
    let refresh = Refresh(RwSignal::new(0));
    provide_context(refresh);
    let view = Resource::new(move || refresh.track(), |_| load_admin());
    view! {
        <Title text="Admin" />
        <main class="card wide admin">
            <p><a href="/rooms/general">"← Back to #general"</a></p>
            <h1>"People on this kaiwa"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
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
    let deactivate = ServerAction::<DeactivateUser>::new();
    let reactivate = ServerAction::<ReactivateUser>::new();
    after_success(deactivate);
    after_success(reactivate);
    let rows = users
        .into_iter()
        .map(|user| {
            let role = match (user.is_admin, user.is_bot) {
                (_, true) => "bot",
                (true, _) => "admin",
                _ => "member",
            };
            let status = if user.deactivated { "deactivated" } else { "active" };
            let last_seen = match user.last_seen_at {
                Some(at) => {
                    let shown = at.replace('T', " ").replace('Z', " UTC");
                    view! { <time datetime=at>{shown}</time> }.into_any()
                }
                None => "never".into_any(),
            };
            let username = user.username.clone();
            let action = if user.deactivated {
                let label = format!("Reactivate {}", user.username);
                view! {
                    <ActionForm action=reactivate attr:class="inline">
                        <input type="hidden" name="username" value=username />
                        <button type="submit" aria-label=label>"Reactivate"</button>
                    </ActionForm>
                }
                .into_any()
            } else {
                let label = format!("Deactivate {}", user.username);
                view! {
                    <ActionForm action=deactivate attr:class="inline">
                        <input type="hidden" name="username" value=username />
                        <button type="submit" class="danger" aria-label=label>"Deactivate"</button>
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
        <p class="help">
            "Deactivating someone signs them out everywhere at once and stops their API tokens; "
            "their messages stay. Reactivating lets them sign in again."
        </p>
        <table class="users">
            <caption>"Accounts"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Username"</th>
                    <th scope="col">"Role"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Last seen"</th>
                    <th scope="col">"Action"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Bots: accounts for programs, with a token and an optional webhook.
#[component]
fn Bots(bots: Vec<BotEntry>, new_bot_token: Option<(String, String)>) -> impl IntoView {
    let create = ServerAction::<CreateBot>::new();
    after_success(create);
    let fresh = new_bot_token.map(|(bot, token)| {
        view! {
            <div class="new-token">
                <label for="new-bot-token">{format!("Token for {bot} (copy it now: it is not shown again)")}</label>
                <input id="new-bot-token" readonly value=token class="mono" />
            </div>
        }
    });
    let rows = bots
        .into_iter()
        .map(|bot| {
            let webhook = bot.webhook_url.unwrap_or_else(|| "no webhook".to_owned());
            let private = bot.allow_private.then_some(" (private address allowed)");
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
            <h2 id="bots-heading">"Bots"</h2>
            <p class="help">
                "A bot posts with its token (see the API documentation). With a webhook, kaiwa "
                "POSTs each message that mentions the bot, is whispered to it or is written in its "
                "direct conversation, and posts a text reply back as the bot."
            </p>
            {fresh}
            <FormError error=shown_error_of(create.value(), "bots") />
            <ul class="sessions">{rows}</ul>
            <ActionForm action=create>
                <label for="bot-username">"Bot username"</label>
                <input id="bot-username" name="username" required maxlength="32" placeholder="e.g. helper" />
                <label for="bot-name">"Bot display name"</label>
                <input id="bot-name" name="display_name" required maxlength="50" />
                <label for="bot-webhook">"Webhook URL (optional)"</label>
                <input id="bot-webhook" name="webhook_url" type="url" placeholder="https://bots.example.org/kaiwa" />
                <label class="choice">
                    <input type="checkbox" name="allow_private" value="yes" />
                    " Allow a private or loopback webhook address (a bot on this machine or network)"
                </label>
                <button type="submit">"Create bot"</button>
            </ActionForm>
        </section>
    }
}
