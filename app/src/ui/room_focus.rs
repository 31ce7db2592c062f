//! Where keyboard focus goes when the reader changes rooms.
#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// Arriving in another room from this page (not loading the first one): focus goes to the
/// message box, or to the room's name for a reader who has not joined, so keyboard and screen
/// reader users start in the new room.
pub fn arrive(slug: &str, is_member: bool) {
    #[cfg(feature = "hydrate")]
    {
        use std::cell::RefCell;
        thread_local! {
            static LAST_ROOM: RefCell<Option<String>> = const { RefCell::new(None) };
        }
        let before = LAST_ROOM.with(|last| last.replace(Some(slug.to_owned())));
        if before.is_some_and(|before| before != slug) {
            request_animation_frame(move || {
                let target = if is_member {
                    "composer-body"
                } else {
                    "room-heading"
                };
                if let Some(element) = document().get_element_by_id(target) {
                    use leptos::wasm_bindgen::JsCast;
                    if let Ok(element) = element.dyn_into::<leptos::web_sys::HtmlElement>() {
                        let _ = element.focus();
                    }
                }
            });
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (slug, is_member);
}
