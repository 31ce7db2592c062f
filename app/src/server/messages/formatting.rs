//! Message text to HTML, once, when it is written: a Markdown subset (emphasis, links, lists,
//! quotes, inline code, fenced code blocks), code highlighted here so it reads well without
//! JavaScript, bare URLs and @mentions turned into links and marks, and the result cleaned by
//! ammonia. Raw HTML in a message is shown as the text it is, never as HTML.
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::{rules, server::db::Store};

mod code;
mod sanitise;

pub use crate::model::message::Formatted;

/// The most HTML one message may hold, whatever its text. A message is at most 4,000
/// characters, but highlighting can make 3,996 of them 376 KB of HTML: more than a socket's
/// write buffer, and 50 of them make a 40 MB page. Past the budget a message loses its
/// highlighting, and past it again its formatting: plain escaped text always fits (at most six
/// bytes a character).
pub const MAX_HTML_BYTES: usize = 32 * 1024;

/// Renders `body`; `@name` becomes a mention when `is_mentionable(name)` says so (a member of
/// the room, say). Mentions in code or inside links are left as typed. The HTML is at most
/// [`MAX_HTML_BYTES`].
pub fn render(body: &str, is_mentionable: impl Fn(&str) -> bool) -> Formatted {
    let highlighted = render_with(body, &is_mentionable, code::highlight);
    if highlighted.html.len() <= MAX_HTML_BYTES {
        return highlighted;
    }
    let plain_code = render_with(body, &is_mentionable, |_, code| code::plain(code));
    if plain_code.html.len() <= MAX_HTML_BYTES {
        return plain_code;
    }
    Formatted {
        html: plain_text(body),
        mentioned: plain_code.mentioned,
    }
}

/// The text as it was typed, escaped, one line break shown for each typed.
fn plain_text(body: &str) -> String {
    let mut html = String::with_capacity(body.len() + 16);
    html.push_str("<p>");
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            html.push_str("<br>\n");
        }
        pulldown_cmark::html::push_html(&mut html, std::iter::once(Event::Text(line.into())));
    }
    html.push_str("</p>\n");
    html
}

fn render_with(
    body: &str,
    is_mentionable: &impl Fn(&str) -> bool,
    code_html: impl Fn(&str, &str) -> String,
) -> Formatted {
    let mut mentioned = Vec::new();
    let mut events = Vec::new();
    let mut in_link = false;
    let mut code_block: Option<(String, String)> = None;
    for event in Parser::new_ext(body, Options::ENABLE_STRIKETHROUGH) {
        if let Some((lang, code)) = &mut code_block {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    events.push(Event::Html(code_html(lang, code).into()));
                    code_block = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                code_block = Some((lang, String::new()));
            }
            // Chat is not a document: headings read as paragraphs, and images as links (a
            // message never makes a reader's browser fetch from elsewhere by itself).
            Event::Start(Tag::Heading { .. }) | Event::Start(Tag::HtmlBlock) => {
                events.push(Event::Start(Tag::Paragraph))
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::HtmlBlock) => {
                events.push(Event::End(TagEnd::Paragraph))
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                in_link = true;
                events.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    id: CowStr::Borrowed(""),
                }));
            }
            Event::Start(link @ Tag::Link { .. }) => {
                in_link = true;
                events.push(Event::Start(link));
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                in_link = false;
                events.push(Event::End(TagEnd::Link));
            }
            Event::Html(raw) => as_text_lines(&raw, &mut events),
            Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            // One line break typed is one line break shown.
            Event::SoftBreak => events.push(Event::HardBreak),
            Event::Text(text) if !in_link => {
                inline_text(&text, is_mentionable, &mut mentioned, &mut events)
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Formatted {
        html: sanitise::clean(&html),
        mentioned,
    }
}

/// Renders messages stored before formatting existed (as plain text with links; their
/// mentions were never recorded) and those stored with more HTML than [`MAX_HTML_BYTES`] (their
/// mentions kept), and loads the code grammars before the first request.
pub async fn render_missing(pool: &Store) -> Result<u64, crate::AppError> {
    code::warm_up();
    crate::server::db::rerender::clear_deleted(pool).await?;
    let (mut rendered, mut after_id) = (0, 0);
    loop {
        let batch = crate::server::db::rerender::batch(pool, after_id, MAX_HTML_BYTES, 500).await?;
        if batch.is_empty() {
            return Ok(rendered);
        }
        for message in batch {
            after_id = message.id;
            let html = render(&message.body, |name| {
                message.mentioned.iter().any(|m| m == name)
            })
            .html;
            crate::server::db::rerender::store(pool, message.id, &message.body, &html).await?;
            rendered += 1;
        }
    }
}

/// A block of raw HTML, shown as its text, line by line.
fn as_text_lines<'a>(raw: &str, events: &mut Vec<Event<'a>>) {
    let raw = raw.strip_suffix('\n').unwrap_or(raw);
    for (i, line) in raw.split('\n').enumerate() {
        if i > 0 {
            events.push(Event::HardBreak);
        }
        events.push(Event::Text(CowStr::from(line.to_owned())));
    }
}

static LINKS: LazyLock<linkify::LinkFinder> = LazyLock::new(|| {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    finder
});

/// Plain text: bare URLs become links, known @names become mentions.
fn inline_text<'a>(
    text: &str,
    is_mentionable: &impl Fn(&str) -> bool,
    mentioned: &mut Vec<String>,
    events: &mut Vec<Event<'a>>,
) {
    for span in LINKS.spans(text) {
        let part = span.as_str();
        let url_len = match span.kind() {
            Some(_) => part.find(ends_bare_url).unwrap_or(part.len()),
            None => 0,
        };
        if url_len > 0 {
            let url = CowStr::from(part[..url_len].to_owned());
            events.push(Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: url.clone(),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }));
            events.push(Event::Text(url));
            events.push(Event::End(TagEnd::Link));
        }
        mark_mentions(&part[url_len..], is_mentionable, mentioned, events);
    }
}

/// Japanese is written without spaces, so a bare URL also ends where Japanese punctuation,
/// full-width forms or hiragana begin (`https://example.com/docs。よろしく`). Kanji and
/// katakana may stay (`https://ja.wikipedia.org/wiki/会話`).
fn ends_bare_url(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{309F}' | '\u{FF00}'..='\u{FFEF}')
}

fn mark_mentions<'a>(
    text: &str,
    is_mentionable: &impl Fn(&str) -> bool,
    mentioned: &mut Vec<String>,
    events: &mut Vec<Event<'a>>,
) {
    let mut rest = 0;
    for (range, name) in rules::mention_spans(text) {
        if !is_mentionable(&name) {
            continue;
        }
        events.push(Event::Text(text[rest..range.start].to_owned().into()));
        events.push(Event::Html(r#"<span class="mention">"#.into()));
        events.push(Event::Text(text[range.clone()].to_owned().into()));
        events.push(Event::Html("</span>".into()));
        if !mentioned.contains(&name) {
            mentioned.push(name);
        }
        rest = range.end;
    }
    if rest < text.len() {
        events.push(Event::Text(text[rest..].to_owned().into()));
    }
}

#[cfg(test)]
mod tests;
