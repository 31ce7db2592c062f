//! Light or dark: the reader's choice on this browser (a cookie the server renders into
//! `<html data-theme>`), or the system's when they made none. CSS does the rest.
use leptos::prelude::*;

use crate::model::Theme;

#[derive(Clone, Copy)]
pub struct ThemeChoice(pub RwSignal<Theme>);

impl ThemeChoice {
    pub fn new(theme: Theme) -> Self {
        ThemeChoice(RwSignal::new(theme))
    }

    /// Switches the page at once (the server has stored it for the next page).
    pub fn apply(self, theme: Theme) {
        self.0.set(theme);
        #[cfg(feature = "hydrate")]
        if let Some(root) = document().document_element() {
            let _ = match attribute(theme) {
                Some(value) => root.set_attribute("data-theme", value),
                None => root.remove_attribute("data-theme"),
            };
        }
    }
}

pub fn use_theme() -> ThemeChoice {
    use_context::<ThemeChoice>().unwrap_or_else(|| ThemeChoice::new(Theme::System))
}

/// `data-theme` on `<html>`: absent when following the system.
pub fn attribute(theme: Theme) -> Option<&'static str> {
    (theme != Theme::System).then(|| theme.code())
}
