//! The languages kaiwa speaks and its words in each: Fluent files under `app/locales/<lang>/`,
//! compiled into both the server and the wasm.
//!
//! A page's language is chosen once, on the server (the reader's setting, then the `kaiwa_lang`
//! cookie, then `Accept-Language`; see `server::web::page_context`), and travels to the browser with
//! the page (`model::PageContext`), so hydration renders exactly the words the server sent. A
//! different language is a new page load, which is what a form without JavaScript does anyway.
use std::{borrow::Cow, collections::HashMap};

pub use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{langid, LanguageIdentifier, Loader, StaticLoader};
use leptos::prelude::use_context;
use serde::{Deserialize, Serialize};

use crate::AppError;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: both languages run left to right, and
        // the marks would end up in copied text and titles.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static ENGLISH: LanguageIdentifier = langid!("en");
static JAPANESE: LanguageIdentifier = langid!("ja");

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The BCP 47 code, as in `<html lang>`, cookies and the database.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, the same whatever language the page speaks.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "日本語",
        }
    }

    pub(crate) fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &ENGLISH,
            Lang::Ja => &JAPANESE,
        }
    }

    /// The text for `key`. Use [`tr!`](crate::tr) in views, so the key-coverage test sees it.
    pub fn text(self, key: &str) -> String {
        self.text_with(key, None)
    }

    pub fn text_with(
        self,
        key: &str,
        args: Option<&HashMap<Cow<'static, str>, FluentValue>>,
    ) -> String {
        // Straight to the language's own bundle: every key is in both languages (a test checks),
        // and the loader's full lookup negotiates languages on every call (a tenth of a room
        // page's time went there). The fallback chain is only for a key that is missing.
        loader()
            .lookup_single_language(self.id(), key, args)
            .unwrap_or_else(|_| loader().lookup_complete(self.id(), key, args))
    }

    /// A person's name as readers see it. A deleted account keeps no name (its messages stay);
    /// it is "Deleted user" in the reader's language.
    pub fn person(self, display_name: &str) -> String {
        if display_name.is_empty() {
            crate::tr!(self, "deleted-user")
        } else {
            display_name.to_owned()
        }
    }

    /// What an error says to a person, in this language (`error-<code>` in the Fluent files).
    pub fn error(self, error: &AppError) -> String {
        let key = format!("error-{}", error.code());
        match error {
            AppError::BadRequest(detail) => {
                let args =
                    HashMap::from([(Cow::Borrowed("detail"), FluentValue::from(detail.clone()))]);
                self.text_with(&key, Some(&args))
            }
            _ => self.text(&key),
        }
    }
}

fn loader() -> &'static StaticLoader {
    &LOCALES
}

/// The language of the page being rendered (English outside a page, as in tests).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Fluent arguments built once for several messages (`tr!(lang, <key>, with args)`).
pub type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

/// `tr!(lang, <key literal>)` or `tr!(lang, <key literal>, name = value, …)`: the text for the
/// key in `lang`, with Fluent arguments (numbers select plurals); `tr!(lang, <key>, with args)`
/// takes them as [`Args`]. Keys are literals so that
/// `every_key_used_in_the_code_is_in_every_language` can find them all.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:literal) => {
        $crate::i18n::Lang::text($lang, $key)
    };
    ($lang:expr, $key:literal, with $args:expr) => {
        $crate::i18n::Lang::text_with($lang, $key, Some(&$args))
    };
    ($lang:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let args = ::std::collections::HashMap::from([
            $((
                ::std::borrow::Cow::Borrowed(stringify!($name)),
                $crate::i18n::FluentValue::from($value),
            )),+
        ]);
        $crate::i18n::Lang::text_with($lang, $key, Some(&args))
    }};
}

#[cfg(test)]
mod tests;
