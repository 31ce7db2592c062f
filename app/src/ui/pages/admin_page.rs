use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use super::problem;
use crate::{
    api::admin::{load_users, DeactivateUser, ReactivateUser, ADMIN},
    model::UserEntry,
    ui::components::{after_success, shown_error_of, FormError, Refresh},
};

/// Admins only: every account, with a button to deactivate or reactivate it.
#[component]
pub fn AdminPage() -> impl IntoView {
    let refresh = Refresh(RwSignal::new(0));
    provide_context(refresh);
    let users = Resource::new(move || refresh.track(), |_| load_users());
    view! {
        <Title text="Admin" />
        <main class="card wide admin">
            <p><a href="/rooms/general">"← Back to #general"</a></p>
            <h1>"People on this kaiwa"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(users) => view! { <Users users /> }.into_any(),
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
            let role = if user.is_admin { "admin" } else { "member" };
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
