//! `@name` in message text. A mention starts after a space, punctuation or a non-Latin letter
//! (so `ありがとう@bob` mentions bob, and `bob@example.com` mentions nobody) and runs over the
//! characters a username may hold.
use std::ops::Range;

fn in_name(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Every `@name` in `text`: where it is (the `@` included) and the username it names,
/// lowercased. Names outside the username rules (too short or long) are skipped.
pub fn mention_spans(text: &str) -> Vec<(Range<usize>, String)> {
    let mut spans = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let starts = c == '@'
            && previous.is_none_or(|p| !(in_name(p) || matches!(p, '.' | '@' | '/' | '+')));
        previous = Some(c);
        if !starts {
            continue;
        }
        let mut end = at + 1;
        while let Some(&(i, n)) = chars.peek() {
            if !in_name(n) {
                break;
            }
            end = i + n.len_utf8();
            previous = Some(n);
            chars.next();
        }
        let name = text[at + 1..end].to_ascii_lowercase();
        if (3..=32).contains(&name.len()) {
            spans.push((at..end, name));
        }
    }
    spans
}

/// The `@name` being typed just before `caret` (a byte offset), if any: its start and the
/// part of the name typed so far. For the composer's suggestions.
pub fn mention_at(text: &str, caret: usize) -> Option<(usize, &str)> {
    let before = text.get(..caret)?;
    let at = before.rfind('@')?;
    let typed = &before[at + 1..];
    let previous = before[..at].chars().next_back();
    let starts = previous.is_none_or(|p| !(in_name(p) || matches!(p, '.' | '@' | '/' | '+')));
    (starts && typed.len() <= 32 && typed.chars().all(in_name)).then_some((at, typed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        mention_spans(text).into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn mentions_start_after_spaces_punctuation_and_japanese() {
        assert_eq!(names("hi @bob, and (@carol)!"), ["bob", "carol"]);
        assert_eq!(names("ありがとう@bob さん"), ["bob"]);
        assert_eq!(names("@Alice first"), ["alice"]);
    }

    #[test]
    fn addresses_and_short_names_are_not_mentions() {
        assert!(names("mail bob@example.com or a.b@cde").is_empty());
        assert!(names("@ab is too short, @ alone, @@bob").is_empty());
    }

    #[test]
    fn a_span_covers_the_at_sign_and_the_name() {
        let text = "会話 @bob!";
        let spans = mention_spans(text);
        assert_eq!(&text[spans[0].0.clone()], "@bob");
    }

    #[test]
    fn the_name_being_typed_is_found_before_the_caret() {
        assert_eq!(mention_at("hi @al", 6), Some((3, "al")));
        assert_eq!(mention_at("hi @", 4), Some((3, "")));
        assert_eq!(mention_at("mail a@b", 8), None);
        assert_eq!(mention_at("hi @al there", 12), None);
        assert_eq!(
            mention_at("日本@bo", "日本@bo".len()),
            Some(("日本".len(), "bo"))
        );
    }
}
