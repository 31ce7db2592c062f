//! The browser entry point: hydrate the islands of the server-rendered page (the room; see
//! `app::ui`). Everything else is plain HTML that works without JavaScript.
#![recursion_limit = "512"]
// Linked for its islands: each is a wasm-bindgen export the island script calls by name.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
