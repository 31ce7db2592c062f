use leptos::{form::ActionForm, prelude::*};

use crate::{api::members::RemoveMember as Remove, i18n::use_lang, tr};

/// A button that removes one member (for the room's creator and admins).
#[component]
pub fn RemoveMember(room: String, username: String, display_name: String) -> impl IntoView {
    let lang = use_lang();
    let remove = ServerAction::<Remove>::new();
    view! {
        <ActionForm action=remove attr:class="inline">
            <input type="hidden" name="room" value=room />
            <input type="hidden" name="username" value=username />
            <button type="submit" class="link" aria-label=tr!(lang, "remove-member-label", name = display_name)>
                {tr!(lang, "remove-member")}
            </button>
        </ActionForm>
    }
}
