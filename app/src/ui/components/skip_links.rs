use leptos::{ev::MouseEvent, prelude::*};

use crate::{i18n::use_lang, tr};

/// The room page's first stops for keyboard users, shown when focused: straight to the message
/// box (for a member) and to the messages, past the sidebar and every message's links. Without
/// JavaScript they are in-page links, and the next Tab lands in the target; hydrated, focus
/// moves there at once.
#[component]
pub fn SkipLinks(is_member: bool) -> impl IntoView {
    let lang = use_lang();
    let composer = is_member.then(|| {
        view! {
            <a href="#composer" on:click=focus_on("composer-body")>
                {tr!(lang, "skip-to-composer")}
            </a>
        }
    });
    view! {
        <nav class="skip-links" aria-label=tr!(lang, "skip-links-label")>
            {composer}
            <a href="#messages" on:click=focus_on("messages")>
                {tr!(lang, "skip-to-messages")}
            </a>
        </nav>
    }
}

fn focus_on(id: &'static str) -> impl Fn(MouseEvent) {
    move |ev| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let target = document()
                .get_element_by_id(id)
                .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok());
            if let Some(target) = target {
                ev.prevent_default();
                let _ = target.focus();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, id);
    }
}
