//! Choosing what a page is rendered with: its language, theme and the reader's time zone.
//!
//! Language: the reader's own setting when signed in, else the language they picked on this
//! browser (the `kaiwa_lang` cookie), else the best match for `Accept-Language`, else English.
//! The first needs the database, so the server's middleware asks [`language`] before the page
//! renders and leaves the answer in the request ([`ChosenLang`]).
use crate::server::db::Store;
use axum::http::{header::ACCEPT_LANGUAGE, request::Parts, HeaderMap};
use cookie::time::Duration;
use fluent_langneg::{accepted_languages, negotiate_languages, NegotiationStrategy};
use leptos::prelude::use_context;

use crate::server::{accounts::sessions, db};
use crate::{
    i18n::Lang,
    model::{PageContext, Theme},
    ui::clock::ZONE_COOKIE,
};

pub const LANG_COOKIE: &str = "kaiwa_lang";
pub const THEME_COOKIE: &str = "kaiwa_theme";

/// The language chosen for a page request, put in its extensions by the middleware.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChosenLang {
    pub lang: Lang,
    /// What the reader chose themselves (account, then browser), if anything.
    pub setting: Option<Lang>,
}

/// The language for a request (see the module's documentation).
pub async fn language(pool: &Store, headers: &HeaderMap) -> ChosenLang {
    let own = match sessions::token_in(headers, sessions::COOKIE_NAME) {
        Some(token) => db::preferences::language_of_session(pool, &sessions::token_hash(&token))
            .await
            .ok()
            .flatten(),
        None => None,
    };
    chosen(own, headers)
}

fn chosen(own: Option<Lang>, headers: &HeaderMap) -> ChosenLang {
    let setting = own.or_else(|| cookie_language(headers));
    ChosenLang {
        lang: setting.unwrap_or_else(|| negotiate(headers)),
        setting,
    }
}

fn cookie_language(headers: &HeaderMap) -> Option<Lang> {
    sessions::token_in_cookie(headers, LANG_COOKIE).and_then(|code| Lang::from_code(&code))
}

/// The best of our languages for `Accept-Language` (English when nothing matches).
pub fn negotiate(headers: &HeaderMap) -> Lang {
    let header = headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let requested = accepted_languages::parse(header);
    let available: Vec<_> = Lang::ALL.iter().map(|l| l.id().clone()).collect();
    let default = Lang::En.id().clone();
    negotiate_languages(
        &requested,
        &available,
        Some(&default),
        NegotiationStrategy::Lookup,
    )
    .first()
    .and_then(|id| Lang::ALL.into_iter().find(|l| l.id() == *id))
    .unwrap_or_default()
}

/// The page context for the request being rendered.
pub fn of_request() -> PageContext {
    let parts = use_context::<Parts>();
    let headers = parts.as_ref().map(|p| &p.headers);
    let empty = HeaderMap::new();
    let headers = headers.unwrap_or(&empty);
    let chosen = parts
        .as_ref()
        .and_then(|p| p.extensions.get::<ChosenLang>().copied())
        .unwrap_or_else(|| chosen(None, headers));
    PageContext {
        lang: chosen.lang,
        lang_setting: chosen.setting,
        theme: theme(headers),
        zone: zone(headers),
        rendered_at: jiff::Timestamp::now().as_millisecond(),
    }
}

pub fn theme(headers: &HeaderMap) -> Theme {
    sessions::token_in_cookie(headers, THEME_COOKIE)
        .and_then(|code| Theme::from_code(&code))
        .unwrap_or_default()
}

/// The time zone in the reader's cookie, if it is one the server knows.
fn zone(headers: &HeaderMap) -> Option<String> {
    sessions::token_in_cookie(headers, ZONE_COOKIE).filter(|name| known_zone(name))
}

pub fn known_zone(name: &str) -> bool {
    name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b))
        && jiff::tz::TimeZone::get(name).is_ok()
}

/// A year-long preference cookie (language or theme) for this browser; `None` clears it.
pub fn preference_cookie(name: &str, value: Option<&str>, secure: bool) -> String {
    let max_age = match value {
        Some(_) => Duration::days(365),
        None => Duration::ZERO,
    };
    sessions::site_cookie(name, value.unwrap_or_default().to_owned(), max_age, secure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accepting(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn a_japanese_browser_gets_japanese() {
        assert_eq!(
            negotiate(&accepting("ja-JP,ja;q=0.9,en-US;q=0.8")),
            Lang::Ja
        );
        assert_eq!(negotiate(&accepting("ja")), Lang::Ja);
        assert_eq!(negotiate(&accepting("ja-JP")), Lang::Ja);
        assert_eq!(
            negotiate(&accepting("fr-FR,ja-JP;q=0.8,en;q=0.5")),
            Lang::Ja
        );
    }

    #[test]
    fn english_or_anything_unknown_gets_english() {
        assert_eq!(negotiate(&accepting("en-GB,en;q=0.9,ja;q=0.5")), Lang::En);
        assert_eq!(negotiate(&accepting("fr-FR,de;q=0.8")), Lang::En);
        assert_eq!(negotiate(&HeaderMap::new()), Lang::En);
    }

    #[test]
    fn a_language_picked_on_this_browser_beats_accept_language() {
        let mut headers = accepting("en-US");
        headers.insert("cookie", HeaderValue::from_static("kaiwa_lang=ja"));
        assert_eq!(cookie_language(&headers), Some(Lang::Ja));
    }

    #[test]
    fn only_real_time_zones_are_believed() {
        assert!(known_zone("Asia/Tokyo"));
        assert!(known_zone("UTC"));
        assert!(!known_zone("Mars/Olympus_Mons"));
        assert!(!known_zone("../../etc/passwd"));
    }
}
