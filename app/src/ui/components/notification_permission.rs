use leptos::prelude::*;

use crate::{
    i18n::{use_lang, Lang},
    tr,
    ui::desktop_notifications::{permission, request_permission, Permission},
};

/// Whether this browser shows desktop notifications, with a button to allow them. Only once
/// hydrated: notifications are a browser's doing.
#[component]
pub fn NotificationPermission() -> impl IntoView {
    let lang = use_lang();
    let state = RwSignal::new(None::<Permission>);
    Effect::new(move |_| state.set(Some(permission())));
    let ask = move |_| request_permission(move |answer| state.set(Some(answer)));
    move || {
        state.get().map(|now| match now {
            Permission::Ask => view! {
                <p class="notification-permission">
                    <button type="button" on:click=ask>{tr!(lang, "notifications-allow")}</button>
                </p>
            }
            .into_any(),
            Permission::Granted => {
                view! { <p class="help" aria-live="polite">{tr!(lang, "notifications-granted")}</p> }.into_any()
            }
            Permission::Denied => {
                view! { <p class="help" aria-live="polite">{tr!(lang, "notifications-denied")}</p> }.into_any()
            }
            Permission::Unsupported => {
                view! { <p class="help">{tr!(lang, "notifications-unsupported")}</p> }.into_any()
            }
        })
    }
}

/// The same on its own, for a page that is otherwise plain HTML (settings). An island starts
/// with no context, so it is handed the page's language.
#[island]
pub fn NotificationPermissionIsland(lang: Lang) -> impl IntoView {
    provide_context(lang);
    view! { <NotificationPermission /> }
}
