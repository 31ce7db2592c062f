use leptos::{ev::KeyboardEvent, html, prelude::*};

use crate::{i18n::use_lang, model::Member, rules, tr};

/// Suggestions for the `@name` being typed in the composer, from the room's members (only
/// once hydrated: without JavaScript, people type the name). Arrow keys move, Enter or Tab
/// picks, Escape closes; the textarea keeps focus and points at the active option.
#[derive(Clone, Copy)]
pub struct MentionPicker {
    members: Signal<Vec<Member>>,
    me: StoredValue<String>,
    /// Where the `@` is (a byte offset) and what was typed after it.
    typing: RwSignal<Option<(usize, String)>>,
    active: RwSignal<usize>,
    textarea: NodeRef<html::Textarea>,
}

pub const LISTBOX_ID: &str = "mention-suggestions";
const SHOWN: usize = 6;

impl MentionPicker {
    pub fn new(
        members: Signal<Vec<Member>>,
        me: String,
        textarea: NodeRef<html::Textarea>,
    ) -> Self {
        MentionPicker {
            members,
            me: StoredValue::new(me),
            typing: RwSignal::new(None),
            active: RwSignal::new(0),
            textarea,
        }
    }

    /// Members whose username or display name starts with what was typed, others than me.
    pub fn suggestions(&self) -> Vec<Member> {
        let Some((_, typed)) = self.typing.get() else {
            return Vec::new();
        };
        let typed = typed.to_lowercase();
        let me = self.me.get_value();
        self.members.with(|members| {
            members
                .iter()
                .filter(|m| m.username != me)
                .filter(|m| {
                    m.username.starts_with(&typed)
                        || m.display_name.to_lowercase().starts_with(&typed)
                })
                .take(SHOWN)
                .cloned()
                .collect()
        })
    }

    /// Looks again at the text before the caret (after typing or moving the caret).
    pub fn refresh(&self) {
        let Some(textarea) = self.textarea.get_untracked() else {
            return;
        };
        let text = textarea.value();
        let caret = textarea.selection_start().ok().flatten().unwrap_or(0) as usize;
        let found = rules::mention_at(&text, byte_offset(&text, caret))
            .map(|(at, typed)| (at, typed.to_owned()));
        if found != self.typing.get_untracked() {
            self.active.set(0);
            self.typing.set(found);
        }
    }

    /// Handles a key while suggestions are open; true if it was used.
    pub fn key(&self, ev: &KeyboardEvent) -> bool {
        let count = self.suggestions().len();
        if count == 0 {
            return false;
        }
        match ev.key().as_str() {
            "ArrowDown" => self.active.update(|a| *a = (*a + 1) % count),
            "ArrowUp" => self.active.update(|a| *a = (*a + count - 1) % count),
            "Enter" | "Tab" => {
                let chosen = self.suggestions().get(self.active.get_untracked()).cloned();
                if let Some(member) = chosen {
                    self.choose(&member.username);
                }
            }
            "Escape" => self.typing.set(None),
            _ => return false,
        }
        ev.prevent_default();
        true
    }

    pub fn close(&self) {
        self.typing.set(None);
    }

    /// Replaces the `@name` being typed with the full one and a space.
    pub fn choose(&self, username: &str) {
        let (Some(textarea), Some((at, _))) =
            (self.textarea.get_untracked(), self.typing.get_untracked())
        else {
            return;
        };
        let text = textarea.value();
        let caret = textarea.selection_start().ok().flatten().unwrap_or(0) as usize;
        let caret = byte_offset(&text, caret).max(at);
        let inserted = format!("@{username} ");
        let new_text = format!("{}{inserted}{}", &text[..at], &text[caret..]);
        textarea.set_value(&new_text);
        let new_caret = text[..at].encode_utf16().count() + inserted.encode_utf16().count();
        let _ = textarea.set_selection_range(new_caret as u32, new_caret as u32);
        let _ = textarea.focus();
        self.typing.set(None);
    }

    pub fn option_id(index: usize) -> String {
        format!("{LISTBOX_ID}-{index}")
    }

    /// The active option's id, for the textarea's `aria-activedescendant`.
    pub fn active_id(&self) -> Option<String> {
        (!self.suggestions().is_empty()).then(|| Self::option_id(self.active.get()))
    }
}

/// The browser counts a caret in UTF-16 units; Rust strings index bytes.
fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The open suggestions, under the composer.
#[component]
pub fn MentionSuggestions(picker: MentionPicker) -> impl IntoView {
    let lang = use_lang();
    let options = move || {
        picker
            .suggestions()
            .into_iter()
            .enumerate()
            .map(|(i, member)| {
                let username = member.username.clone();
                view! {
                    <li
                        role="option"
                        id=MentionPicker::option_id(i)
                        aria-selected=move || (picker.active.get() == i).to_string()
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| picker.choose(&username)
                    >
                        <strong>{member.display_name}</strong>
                        " @"
                        {member.username}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <ul
            id=LISTBOX_ID
            role="listbox"
            aria-label=tr!(lang, "mention-suggestions")
            class="mention-suggestions"
            hidden=move || picker.suggestions().is_empty()
        >
            {options}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::byte_offset;

    #[test]
    fn a_caret_in_utf16_units_becomes_a_byte_offset() {
        assert_eq!(byte_offset("abc", 2), 2);
        assert_eq!(byte_offset("会話@b", 3), "会話@".len());
        assert_eq!(byte_offset("😀@b", 3), "😀@".len());
        assert_eq!(byte_offset("ab", 9), 2);
    }
}
