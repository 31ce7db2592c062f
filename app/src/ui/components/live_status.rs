use leptos::prelude::*;

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
    fn label(self) -> &'static str {
        match self {
            LiveState::Idle => "",
            LiveState::Connecting => "Connecting…",
            LiveState::Live => "Live",
            LiveState::Reconnecting => "Reconnecting…",
            LiveState::Ended => "Not following",
        }
    }
}

#[component]
pub fn LiveStatus(state: RwSignal<LiveState>) -> impl IntoView {
    view! {
        <p class="live-status" role="status" data-state=move || format!("{:?}", state.get()).to_lowercase()>
            {move || state.get().label()}
        </p>
    }
}
