use leptos::prelude::*;
use server_fn::ServerFn;

use super::{form_error::posted_error, FormError};
use crate::{api::members::JoinRoom, i18n::use_lang, tr};

/// Shown instead of the composer to someone reading a public room they have not joined. A plain
/// form, hydrated or not: joining changes the whole page (the composer, live typing), so the
/// server's redirect brings a fresh one.
#[component]
pub fn JoinPrompt(room: String, name: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <FormError error=Signal::stored(posted_error("join")) />
        <form method="post" action=JoinRoom::url() class="join-prompt">
            <input type="hidden" name="room" value=room />
            <p>{tr!(lang, "join-reading", room = name)}</p>
            <button type="submit">{tr!(lang, "join-button")}</button>
        </form>
    }
}
