//! The last word on what HTML a message may hold: ammonia, with an allow-list of the tags the
//! Markdown subset makes, links limited to web and mail addresses and marked
//! `rel="nofollow noopener noreferrer"`, and classes limited to the ones kaiwa itself writes.
use std::{
    borrow::Cow,
    collections::{HashMap, HashSet},
    sync::LazyLock,
};

use ammonia::Builder;

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    builder
        .add_tags([
            "p",
            "br",
            "em",
            "strong",
            "del",
            "a",
            "ul",
            "ol",
            "li",
            "blockquote",
            "code",
            "pre",
            "span",
            "hr",
        ])
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::new())
        .add_tag_attributes("a", ["href", "title"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("span", ["class"])
        .add_tag_attributes("pre", ["class", "data-lang"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("nofollow noopener noreferrer"))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("span", "class") => ours(value, |c| c == "mention" || c.starts_with("hl-")),
            ("pre", "class") => ours(value, |c| c == "code"),
            _ => Some(Cow::Borrowed(value)),
        });
    builder
});

/// Keeps a class attribute only if every class in it passes `allowed`.
fn ours(value: &str, allowed: impl Fn(&str) -> bool) -> Option<Cow<'_, str>> {
    value
        .split_ascii_whitespace()
        .all(allowed)
        .then_some(Cow::Borrowed(value))
}

pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}
