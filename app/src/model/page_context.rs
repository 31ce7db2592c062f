use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// What every page is rendered with. The server chooses it for the request and hands it to the
/// browser with the page, so hydration renders the same words and times the server sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageContext {
    pub lang: Lang,
    /// The language the reader chose (on their account or this browser); `None` when the page
    /// follows `Accept-Language`.
    pub lang_setting: Option<Lang>,
    pub theme: Theme,
    /// The reader's IANA time zone, as their browser last told the server (a cookie). Without
    /// it, times are shown in UTC until the page is hydrated.
    pub zone: Option<String>,
    /// When the server rendered the page (ms since the epoch); relative times count from it
    /// until the browser's own clock takes over.
    pub rendered_at: i64,
}

/// Light or dark, or whatever the reader's system prefers (the default).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.code() == code)
    }
}
