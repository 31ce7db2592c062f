use leptos::prelude::*;

use crate::{i18n::use_lang, tr, ui::room_state::Typist};

/// "Hanako is typing…", only ever shown when hydrated.
#[component]
pub fn TypingIndicator(typing: RwSignal<Vec<Typist>>) -> impl IntoView {
    let lang = use_lang();
    let text = move || {
        typing.with(|t| match t.as_slice() {
            [] => String::new(),
            [one] => tr!(lang, "typing-one", name = one.display_name.clone()),
            [one, two] => tr!(
                lang,
                "typing-two",
                first = one.display_name.clone(),
                second = two.display_name.clone()
            ),
            _ => tr!(lang, "typing-several"),
        })
    };
    view! { <p class="typing" aria-live="polite">{text}</p> }
}
