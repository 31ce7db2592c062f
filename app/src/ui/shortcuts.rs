//! Keyboard shortcuts on a room page (hydrated only; the help dialog lists them):
//! Alt+↑/↓ the previous or next room, Alt+Shift+↑/↓ the previous or next room with unread
//! messages, Alt+U the first unread message, and ? (or Ctrl+/) the list of shortcuts.
use leptos::{html, prelude::*};

use crate::{
    model::{RoomKind, RoomSummary},
    ui::room_state::RoomState,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    NextRoom,
    PreviousRoom,
    NextUnreadRoom,
    PreviousUnreadRoom,
    FirstUnread,
    Help,
}

/// A key press as the shortcuts see it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Press<'a> {
    /// `KeyboardEvent.key`, e.g. `ArrowDown` or `?`.
    pub key: &'a str,
    /// `KeyboardEvent.code`, the physical key (`KeyU`), the same whatever Alt types on a Mac.
    pub code: &'a str,
    pub alt: bool,
    pub shift: bool,
    pub ctrl: bool,
    pub meta: bool,
    /// Focus is in a text field, where plain keys type text.
    pub typing: bool,
    /// An input method is composing (choosing kanji, say): every key is the IME's.
    pub composing: bool,
}

pub fn shortcut_for(press: Press) -> Option<Shortcut> {
    if press.composing || press.meta {
        return None;
    }
    let p = press;
    match (p.key, p.alt, p.shift, p.ctrl) {
        ("ArrowDown", true, false, false) => Some(Shortcut::NextRoom),
        ("ArrowUp", true, false, false) => Some(Shortcut::PreviousRoom),
        ("ArrowDown", true, true, false) => Some(Shortcut::NextUnreadRoom),
        ("ArrowUp", true, true, false) => Some(Shortcut::PreviousUnreadRoom),
        (_, true, false, false) if p.code == "KeyU" => Some(Shortcut::FirstUnread),
        ("?", false, _, false) if !p.typing => Some(Shortcut::Help),
        ("/", false, false, true) => Some(Shortcut::Help),
        _ => None,
    }
}

/// The room a move goes to, in the sidebar's order (rooms, then direct conversations), wrapping
/// around; `None` when there is nowhere to go.
pub fn room_to_open(rooms: &[RoomSummary], current: &str, shortcut: Shortcut) -> Option<String> {
    let ordered: Vec<&RoomSummary> = rooms
        .iter()
        .filter(|r| r.kind != RoomKind::Direct)
        .chain(rooms.iter().filter(|r| r.kind == RoomKind::Direct))
        .collect();
    let here = ordered.iter().position(|r| r.slug == current);
    let (forward, unread_only) = match shortcut {
        Shortcut::NextRoom => (true, false),
        Shortcut::PreviousRoom => (false, false),
        Shortcut::NextUnreadRoom => (true, true),
        Shortcut::PreviousUnreadRoom => (false, true),
        _ => return None,
    };
    let n = ordered.len();
    // Start just beside the current room (or at an end when it is not listed).
    let steps = (1..=n).map(|step| match (here, forward) {
        (Some(i), true) => (i + step) % n,
        (Some(i), false) => (i + n * step - step) % n,
        (None, true) => step - 1,
        (None, false) => n - step,
    });
    steps
        .map(|i| ordered[i])
        .find(|r| r.slug != current && (!unread_only || r.unread > 0))
        .map(|r| r.slug.clone())
}

/// Listens for the shortcuts while the room page is open (hydrated only).
pub fn follow_keys(state: RoomState, current: String, help: NodeRef<html::Dialog>) {
    #[cfg(feature = "hydrate")]
    {
        let listener = window_event_listener(leptos::ev::keydown, move |ev| {
            let (key, code) = (ev.key(), ev.code());
            let press = Press {
                key: &key,
                code: &code,
                alt: ev.alt_key(),
                shift: ev.shift_key(),
                ctrl: ev.ctrl_key(),
                meta: ev.meta_key(),
                typing: focus_in_text_field(),
                composing: ev.is_composing() || ev.key_code() == 229,
            };
            let Some(shortcut) = shortcut_for(press) else {
                return;
            };
            match shortcut {
                Shortcut::Help => {
                    if let Some(dialog) = help.get_untracked().filter(|d| !d.open()) {
                        ev.prevent_default();
                        let _ = dialog.show_modal();
                    }
                }
                Shortcut::FirstUnread => {
                    ev.prevent_default();
                    jump_to_first_unread(state);
                }
                room_move => {
                    let target = state
                        .rooms
                        .with_untracked(|rooms| room_to_open(rooms, &current, room_move));
                    if let Some(slug) = target {
                        ev.prevent_default();
                        let _ = window().location().set_href(&format!("/rooms/{slug}"));
                    }
                }
            }
        });
        on_cleanup(move || listener.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (state, current, help);
}

/// Scrolls to the first message the reader had not read (the latest one when all was read) and
/// focuses it, so a screen reader starts reading there.
#[cfg(feature = "hydrate")]
fn jump_to_first_unread(state: RoomState) {
    use leptos::wasm_bindgen::JsCast;
    let seq = state
        .first_unread
        .or_else(|| state.messages.with_untracked(|m| m.last().map(|m| m.seq)));
    let Some(element) = seq.and_then(|seq| document().get_element_by_id(&format!("m-{seq}")))
    else {
        return;
    };
    if let Ok(element) = element.dyn_into::<leptos::web_sys::HtmlElement>() {
        element.scroll_into_view();
        let _ = element.focus();
    }
}

#[cfg(feature = "hydrate")]
fn focus_in_text_field() -> bool {
    document().active_element().is_some_and(|element| {
        let tag = element.tag_name().to_ascii_lowercase();
        matches!(tag.as_str(), "input" | "textarea" | "select")
            || element.get_attribute("contenteditable").is_some()
    })
}

#[cfg(test)]
mod tests;
