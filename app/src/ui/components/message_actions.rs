use leptos::{form::ActionForm, prelude::*};

use crate::{api::messages::DeleteMessage, i18n::use_lang, model::Message, tr};

/// Who is reading the room, for what each message offers them.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub username: String,
    pub is_admin: bool,
    pub is_member: bool,
    pub room: String,
}

/// "Edit" (a page of its own, so it works without JavaScript) and "Delete" on one's own
/// messages; an admin may delete any.
#[component]
pub fn MessageActions(message: Message) -> impl IntoView {
    let Some(viewer) = use_context::<Viewer>() else {
        return ().into_any();
    };
    let mine = viewer.username == message.author_username;
    if !mine && !viewer.is_admin {
        return ().into_any();
    }
    let lang = use_lang();
    let delete = ServerAction::<DeleteMessage>::new();
    let edit = mine.then(|| {
        let href = format!("/rooms/{}/messages/{}/edit", viewer.room, message.seq);
        view! {
            <a href=href aria-label=tr!(lang, "message-edit-label", seq = message.seq)>
                {tr!(lang, "message-edit")}
            </a>
        }
    });
    view! {
        <span class="message-actions">
            {edit}
            <ActionForm action=delete attr:class="inline">
                <input type="hidden" name="room" value=viewer.room.clone() />
                <input type="hidden" name="seq" value=message.seq />
                <button type="submit" class="link" aria-label=tr!(lang, "message-delete-label", seq = message.seq)>
                    {tr!(lang, "message-delete")}
                </button>
            </ActionForm>
        </span>
    }
    .into_any()
}
