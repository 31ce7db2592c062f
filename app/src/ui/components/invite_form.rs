use leptos::{form::ActionForm, prelude::*};

use super::{after_success, shown_error_of, FormError};
use crate::api::members::InviteMember;

#[component]
pub fn InviteForm(room: String) -> impl IntoView {
    let invite = ServerAction::<InviteMember>::new();
    after_success(invite);
    view! {
        <ActionForm action=invite attr:class="invite">
            <input type="hidden" name="room" value=room />
            <label for="invite-username">"Invite by username"</label>
            <div class="row">
                <input id="invite-username" name="username" required autocomplete="off" />
                <button type="submit">"Invite"</button>
            </div>
            <FormError error=shown_error_of(invite.value(), "invite") />
        </ActionForm>
    }
}
