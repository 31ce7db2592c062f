use leptos::prelude::*;

use crate::{
    i18n::use_lang,
    ui::clock::{parse_instant, use_clock, Style},
};

/// A `<time>` in the reader's language and zone: the time of day (with the day when it is not
/// today), or with `relative` "3 minutes ago". The full date is its tooltip. It renders what the
/// server rendered until hydrated, then follows the browser's zone and clock.
#[component]
pub fn TimeStamp(at: String, #[prop(optional)] relative: bool) -> impl IntoView {
    let lang = use_lang();
    let clock = use_clock();
    let ms = parse_instant(&at);
    let style = if relative {
        Style::Relative
    } else {
        Style::Clock
    };
    let text = move || ms.map(|ms| clock.text(lang, ms, style)).unwrap_or_default();
    let title = move || ms.map(|ms| clock.full(lang, ms));
    view! { <time datetime=at title=title>{text}</time> }
}
