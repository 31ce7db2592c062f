//! How kaiwa looks and speaks, and how it notifies.
use leptos::{form::ActionForm, prelude::*};

use super::Saved;
use crate::{
    api::preferences::SetNotificationSound,
    i18n::use_lang,
    tr,
    ui::components::{
        shown_error_of, FormError, LanguageChoice, NotificationPermissionIsland, ThemeSwitch,
    },
};

#[component]
pub fn Appearance() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="appearance-heading">
            <h2 id="appearance-heading">{tr!(lang, "settings-appearance-heading")}</h2>
            <LanguageChoice />
            <ThemeSwitch />
        </section>
    }
}

#[component]
pub fn Notifications(sound: bool) -> impl IntoView {
    let lang = use_lang();
    let set = ServerAction::<SetNotificationSound>::new();
    view! {
        <section aria-labelledby="notifications-heading">
            <h2 id="notifications-heading">{tr!(lang, "settings-notifications-heading")}</h2>
            <p class="help">{tr!(lang, "settings-notifications-help")}</p>
            <NotificationPermissionIsland lang />
            <Saved form="sound" text=tr!(lang, "settings-sound-saved") />
            <FormError error=shown_error_of(set.value(), "sound") />
            <ActionForm action=set>
                <label class="choice">
                    <input type="checkbox" name="sound" value="on" checked=sound />
                    " " {tr!(lang, "settings-sound")}
                </label>
                <button type="submit">{tr!(lang, "save")}</button>
            </ActionForm>
        </section>
    }
}
