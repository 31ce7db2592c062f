use leptos::{ev::KeyboardEvent, html, prelude::*};
use server_fn::ServerFn;

use super::{
    mention_picker,
    outbox::{Outbox, OutboxList},
    shown_error, FormError, MentionPicker, MentionSuggestions,
};
use crate::{
    api::messages::PostMessage,
    i18n::use_lang,
    model::{Member, Message},
    rules, tr, AppError,
};

/// The message box. A plain form without JavaScript (post/redirect/get). Hydrated, Enter sends
/// and Shift+Enter adds a line: the text goes to the [`Outbox`] at once, leaving the box empty
/// for the next message, and nothing that happens to the text later (stored, refused) touches
/// what is typed meanwhile. A text that was refused waits below the messages to be sent again
/// or taken back. With `whisper_to`, it sends a private message to that member.
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
    // Each text gets its own id when it is sent; the page's first one keeps a re-sent plain
    // form (without JavaScript) stored once.
    let client_id = RwSignal::new(client_id);
    let form = NodeRef::<html::Form>::new();
    let body = NodeRef::<html::Textarea>::new();
    let picker = MentionPicker::new(members, me, body);
    let to = whisper_to.as_ref().map(|m| m.username.clone());
    let outbox = Outbox::new(room.clone(), to.clone(), on_posted);
    // A text the box refused before sending (empty, too long); a plain form's refusal comes
    // back in the page's address.
    let refused = RwSignal::new(None::<Result<(), AppError>>);

    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(textarea) = body.get_untracked() else {
            return;
        };
        let text = textarea.value();
        if let Err(e) = rules::message_body(&text) {
            refused.set(Some(Err(e.into())));
            return;
        }
        refused.set(Some(Ok(())));
        outbox.send(client_id.get_untracked(), text);
        client_id.set(fresh_client_id());
        textarea.set_value("");
        picker.refresh();
    };
    // A refused text taken back goes into the box: alone, or after what is there.
    let edit = move |text: String| {
        if let Some(textarea) = body.get_untracked() {
            let now = textarea.value();
            let joined = if now.trim().is_empty() {
                text
            } else {
                format!("{now}\n{text}")
            };
            textarea.set_value(&joined);
            let _ = textarea.focus();
        }
    };

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
        <OutboxList outbox edit />
        <FormError error=shown_error(refused) />
        {whisper_note}
        <form id="composer" method="post" action=PostMessage::PATH node_ref=form on:submit=send>
            <div class="composer">
                <input type="hidden" name="room" value=room.clone() />
                <input type="hidden" name="to" value=to.unwrap_or_default() />
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
            <p class="hint needs-script">{tr!(lang, "composer-hint")}</p>
        </form>
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
