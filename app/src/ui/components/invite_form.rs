use leptos::{form::ActionForm, prelude::*};

use super::{shown_error_of, FormError};
use crate::{api::members::InviteMember, i18n::use_lang, tr};

#[component]
pub fn InviteForm(room: String) -> impl IntoView {
    let lang = use_lang();
    let invite = ServerAction::<InviteMember>::new();
    view! {
        <ActionForm action=invite attr:class="invite">
            <input type="hidden" name="room" value=room />
            <label for="invite-username">{tr!(lang, "invite-label")}</label>
            <div class="row">
                <input id="invite-username" name="username" required autocomplete="off" />
                <button type="submit">{tr!(lang, "invite-button")}</button>
            </div>
            <FormError error=shown_error_of(invite.value(), "invite") />
        </ActionForm>
    }
}
