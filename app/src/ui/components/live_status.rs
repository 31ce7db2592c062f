use leptos::prelude::*;

use crate::{
    i18n::{use_lang, Lang},
    tr,
};

/// The state of the live connection; `Idle` until the page is hydrated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveState {
    Idle,
    Connecting,
    Live,
    Reconnecting,
    /// The room is gone for the reader; nothing more will come.
    Ended,
}

impl LiveState {
    fn label(self, lang: Lang) -> String {
        match self {
            LiveState::Idle => String::new(),
            LiveState::Connecting => tr!(lang, "live-connecting"),
            LiveState::Live => tr!(lang, "live-live"),
            LiveState::Reconnecting => tr!(lang, "live-reconnecting"),
            LiveState::Ended => tr!(lang, "live-ended"),
        }
    }
}

#[component]
pub fn LiveStatus(state: RwSignal<LiveState>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="live-status" role="status" data-state=move || format!("{:?}", state.get()).to_lowercase()>
            {move || state.get().label(lang)}
        </p>
    }
}
