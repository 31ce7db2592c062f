use leptos::{ev::KeyboardEvent, form::ActionForm, html, prelude::*};

use super::{mention_picker, shown_error, FormError, MentionPicker, MentionSuggestions};
use crate::{
    api::messages::PostMessage,
    i18n::use_lang,
    model::{Member, Message},
    tr,
};

/// The message box. A plain form without JavaScript; hydrated, it posts in place, Enter sends
/// and Shift+Enter adds a line. Text that failed to send stays in the box. With `whisper_to`,
/// it sends a private message to that member.
#[component]
pub fn Composer(
    room: String,
    room_name: String,
    client_id: String,
    whisper_to: Option<Member>,
    /// The room's members, for @mention suggestions.
    #[prop(into)]
    members: Signal<Vec<Member>>,
    /// The writer's username (not suggested).
    me: String,
    #[prop(into)] on_posted: Callback<Message>,
    #[prop(into)] on_typing: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let post = ServerAction::<PostMessage>::new();
    // Kept until a post succeeds, so a retry of the same text is stored once.
    let client_id = RwSignal::new(client_id);
    let form = NodeRef::<html::Form>::new();
    let body = NodeRef::<html::Textarea>::new();
    let hydrated = crate::ui::hydrated();
    let picker = MentionPicker::new(members, me, body);

    Effect::new(move |_| {
        if let Some(Ok(message)) = post.value().get() {
            on_posted.run(message);
            if let Some(body) = body.get_untracked() {
                body.set_value("");
            }
            client_id.set(fresh_client_id());
        }
    });

    let send_on_enter = move |ev: KeyboardEvent| {
        // While an IME is composing (choosing kanji, say), Enter confirms the conversion.
        let composing = ev.is_composing() || ev.key_code() == 229;
        if !composing && picker.key(&ev) {
            return;
        }
        if ev.key() == "Enter" && !ev.shift_key() && !composing {
            ev.prevent_default();
            if let Some(form) = form.get_untracked() {
                let _ = form.request_submit();
            }
        }
    };

    let to = whisper_to
        .as_ref()
        .map(|m| m.username.clone())
        .unwrap_or_default();
    let (label, placeholder) = match &whisper_to {
        Some(m) => (
            tr!(
                lang,
                "composer-whisper-label",
                name = m.display_name.clone()
            ),
            tr!(
                lang,
                "composer-whisper-placeholder",
                name = m.display_name.clone()
            ),
        ),
        None => (
            tr!(lang, "composer-label"),
            tr!(lang, "composer-placeholder", room = room_name),
        ),
    };
    let whisper_note = whisper_to.map(|m| {
        view! {
            <p class="whisper-note">
                {tr!(lang, "composer-whisper-note", name = m.display_name)} " "
                <a href=format!("/rooms/{room}")>{tr!(lang, "composer-whisper-back")}</a>
            </p>
        }
    });

    view! {
        <FormError error=shown_error(post.value()) />
        {whisper_note}
        <ActionForm action=post node_ref=form>
            <div class="composer">
                <input type="hidden" name="room" value=room.clone() />
                <input type="hidden" name="to" value=to />
                <input type="hidden" name="client_id" value=move || client_id.get() />
                <label for="composer-body" class="visually-hidden">{label}</label>
                <textarea
                    id="composer-body"
                    name="body"
                    node_ref=body
                    rows="2"
                    required
                    placeholder=placeholder
                    aria-autocomplete="list"
                    aria-controls=mention_picker::LISTBOX_ID
                    aria-activedescendant=move || picker.active_id()
                    on:keydown=send_on_enter
                    on:input=move |_| {
                        on_typing.run(());
                        picker.refresh();
                    }
                    on:click=move |_| picker.refresh()
                    on:blur=move |_| picker.close()
                ></textarea>
                <button type="submit">{tr!(lang, "composer-send")}</button>
            </div>
            <MentionSuggestions picker />
            <Show when=move || hydrated.get()>
                <p class="hint">{tr!(lang, "composer-hint")}</p>
            </Show>
        </ActionForm>
    }
}

/// A new random id for the next message (browser only; the server renders the first one).
fn fresh_client_id() -> String {
    #[cfg(feature = "hydrate")]
    {
        let mut raw = [0u8; 16];
        let filled = window()
            .crypto()
            .and_then(|c| c.get_random_values_with_u8_array(&mut raw));
        if filled.is_err() {
            raw.iter_mut()
                .for_each(|b| *b = (js_sys::Math::random() * 256.0) as u8);
        }
        raw.iter().map(|b| format!("{b:02x}")).collect()
    }
    #[cfg(not(feature = "hydrate"))]
    String::new()
}
