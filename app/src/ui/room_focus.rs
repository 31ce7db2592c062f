//! Where keyboard focus goes when the reader changes rooms.
#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// Arriving in another room from a room page (not loading the first one, nor this one again):
/// focus goes to the message box, or to the room's name for a reader who has not joined, so
/// keyboard and screen reader users start in the new room. Each room is a page load of its own,
/// so the tab's session storage remembers the last room; focus the reader already moved (while
/// the page hydrated) stays where it is.
pub fn arrive(slug: &str, is_member: bool) {
    #[cfg(feature = "hydrate")]
    {
        const LAST_ROOM: &str = "kaiwa.last_room";
        let storage = window().session_storage().ok().flatten();
        let before = storage
            .as_ref()
            .and_then(|s| s.get_item(LAST_ROOM).ok().flatten());
        if let Some(storage) = &storage {
            let _ = storage.set_item(LAST_ROOM, slug);
        }
        let untouched = || {
            let body = document()
                .body()
                .map(|b| b.unchecked_into::<leptos::web_sys::Element>());
            document().active_element().is_none() || document().active_element() == body
        };
        use leptos::wasm_bindgen::JsCast;
        if before.is_some_and(|before| before != slug) && untouched() {
            let target = if is_member {
                "composer-body"
            } else {
                "room-heading"
            };
            if let Some(element) = document().get_element_by_id(target) {
                if let Ok(element) = element.dyn_into::<leptos::web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (slug, is_member);
}
