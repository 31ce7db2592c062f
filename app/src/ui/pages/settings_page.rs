mod access;
mod preferences;

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::problem;
use crate::{
    api::account::{load_settings, ChangePassword, DeleteAccount, RenameMe, SETTINGS},
    i18n::use_lang,
    model::AccountSettings,
    tr,
    ui::components::{shown_error_of, BackToGeneral, FormError, Loading},
};
use access::{Sessions, Tokens};
use preferences::{Appearance, Notifications};

/// My account: display name, language, theme, notifications, password, where I am signed in,
/// and deleting the account. Every form is a plain form (post/redirect/get) that the hydrated
/// page sends in place (the language's comes back as a new page).
#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let settings = Resource::new(|| (), |_| load_settings());
    view! {
        <Title text=tr!(lang, "settings-title") />
        <main class="card wide settings">
            <BackToGeneral />
            <h1>{tr!(lang, "settings-title")}</h1>
            <Suspense fallback=|| view! { <Loading /> }>
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
    let lang = use_lang();
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
        <p>{tr!(lang, "settings-signed-in-as", name = me.display_name.clone(), username = me.username.clone())}</p>
        <NameForm current=me.display_name />
        <Appearance />
        <Notifications sound=settings.notification_sound />
        {account}
    }
}

/// Says that `form` worked, after its post/redirect/get (`?saved=<form>`), with or without
/// JavaScript.
#[component]
fn Saved(form: &'static str, text: String) -> impl IntoView {
    let query = use_query_map();
    move || {
        (query.read().get("saved").as_deref() == Some(form))
            .then(|| view! { <p role="status" class="saved">{text.clone()}</p> })
    }
}

#[component]
fn NameForm(current: String) -> impl IntoView {
    let lang = use_lang();
    let rename = ServerAction::<RenameMe>::new();
    view! {
        <section aria-labelledby="name-heading">
            <h2 id="name-heading">{tr!(lang, "field-display-name")}</h2>
            <Saved form="name" text=tr!(lang, "settings-name-saved") />
            <FormError error=shown_error_of(rename.value(), "name") />
            <ActionForm action=rename>
                <label for="display-name">{tr!(lang, "field-display-name")}</label>
                <input id="display-name" name="display_name" value=current required maxlength="50" />
                <button type="submit">{tr!(lang, "settings-name-save")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let lang = use_lang();
    let change = ServerAction::<ChangePassword>::new();
    view! {
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">{tr!(lang, "field-password")}</h2>
            <p class="help">{tr!(lang, "settings-password-help")}</p>
            <Saved form="password" text=tr!(lang, "settings-password-saved") />
            <FormError error=shown_error_of(change.value(), "password") />
            <ActionForm action=change>
                <label for="current-password">{tr!(lang, "settings-current-password")}</label>
                <input id="current-password" name="current_password" type="password" autocomplete="current-password" required />
                <label for="new-password">{tr!(lang, "settings-new-password")}</label>
                <input id="new-password" name="new_password" type="password" autocomplete="new-password" minlength="8" maxlength="128" required />
                <button type="submit">{tr!(lang, "settings-password-change")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DeleteForm() -> impl IntoView {
    let lang = use_lang();
    let delete = ServerAction::<DeleteAccount>::new();
    view! {
        <section aria-labelledby="delete-heading">
            <h2 id="delete-heading">{tr!(lang, "settings-delete-heading")}</h2>
            <p class="help">{tr!(lang, "settings-delete-help")}</p>
            <FormError error=shown_error_of(delete.value(), "delete") />
            <ActionForm action=delete>
                <label for="delete-password">{tr!(lang, "settings-delete-password")}</label>
                <input id="delete-password" name="password" type="password" autocomplete="current-password" required />
                <button type="submit" class="danger">{tr!(lang, "settings-delete-button")}</button>
            </ActionForm>
        </section>
    }
}
