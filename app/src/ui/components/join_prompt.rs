use leptos::{form::ActionForm, prelude::*};

use super::{after_success, shown_error_of, FormError};
use crate::{api::members::JoinRoom, i18n::use_lang, tr};

/// Shown instead of the composer to someone reading a public room they have not joined.
#[component]
pub fn JoinPrompt(room: String, name: String) -> impl IntoView {
    let lang = use_lang();
    let join = ServerAction::<JoinRoom>::new();
    after_success(join);
    view! {
        <FormError error=shown_error_of(join.value(), "join") />
        <ActionForm action=join attr:class="join-prompt">
            <input type="hidden" name="room" value=room />
            <p>{tr!(lang, "join-reading", room = name)}</p>
            <button type="submit">{tr!(lang, "join-button")}</button>
        </ActionForm>
    }
}
