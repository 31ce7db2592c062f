use leptos::prelude::*;

use crate::ui::room_state::Typist;

/// "Hanako is typing…", only ever shown when hydrated.
#[component]
pub fn TypingIndicator(typing: RwSignal<Vec<Typist>>) -> impl IntoView {
    let text = move || {
        typing.with(|t| match t.as_slice() {
            [] => String::new(),
            [one] => format!("{} is typing…", one.display_name),
            [one, two] => format!("{} and {} are typing…", one.display_name, two.display_name),
            _ => "Several people are typing…".to_owned(),
        })
    };
    view! { <p class="typing" aria-live="polite">{text}</p> }
}
