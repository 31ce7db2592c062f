use leptos::prelude::*;

use crate::{
    i18n::{use_lang, Lang},
    model::live_protocol::LiveState,
    tr,
};

fn label(state: LiveState, lang: Lang) -> String {
    match state {
        LiveState::Idle => String::new(),
        LiveState::Connecting => tr!(lang, "live-connecting"),
        LiveState::Live => tr!(lang, "live-live"),
        LiveState::Reconnecting => tr!(lang, "live-reconnecting"),
        LiveState::Ended => tr!(lang, "live-ended"),
    }
}

#[component]
pub fn LiveStatus(state: RwSignal<LiveState>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="live-status" role="status" data-state=move || format!("{:?}", state.get()).to_lowercase()>
            {move || label(state.get(), lang)}
        </p>
    }
}
