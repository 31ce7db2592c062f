//! Input rules, checked on the server whatever the browser did.
use crate::error::Invalid;

mod mentions;
pub use mentions::{mention_at, mention_spans};

pub const MAX_BODY_CHARS: usize = 4000;

/// Guests' usernames start with this, and nobody else's may: it is how a guest is known.
pub const GUEST_PREFIX: &str = "guest-";

/// Whether `username` is a guest's.
pub fn is_guest(username: &str) -> bool {
    username.starts_with(GUEST_PREFIX)
}

/// 3–32 characters of a–z, 0–9, `_` and `-`, not starting with `guest-`.
pub fn username(raw: &str) -> Result<String, Invalid> {
    let name = raw.trim();
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-';
    if !((3..=32).contains(&name.len()) && name.chars().all(allowed)) {
        return Err(Invalid::Username);
    }
    if is_guest(name) {
        return Err(Invalid::GuestName);
    }
    Ok(name.to_owned())
}

/// 1–50 characters after trimming; any script (日本語 welcome), no control characters.
pub fn display_name(raw: &str) -> Result<String, Invalid> {
    one_line(raw, 1..=50).ok_or(Invalid::DisplayName)
}

/// What a person calls an API token ("deploy bot", "家のスクリプト").
pub fn token_name(raw: &str) -> Result<String, Invalid> {
    one_line(raw, 1..=50).ok_or(Invalid::TokenName)
}

/// `raw` trimmed, if its length in characters is in `chars` and it has no control or invisible
/// format characters.
fn one_line(raw: &str, chars: std::ops::RangeInclusive<usize>) -> Option<String> {
    let text = raw.trim();
    let fits = chars.contains(&text.chars().count())
        && !text
            .chars()
            .any(|c| c.is_control() || is_invisible_format(c));
    fits.then(|| text.to_owned())
}

/// Unicode's format characters (category Cf): invisible, and some turn text around (U+202E
/// before "txt.exe" shows it as "exe.txt"), so a name holding one can pass for another.
/// The joiners (U+200C, U+200D) stay: emoji sequences and several scripts need them.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0600}'..='\u{0605}'
        | '\u{061C}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{180E}'
        | '\u{200B}'
        | '\u{200E}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

/// 8–128 characters, taken as typed (no trimming: spaces are part of a passphrase).
pub fn password(raw: &str) -> Result<&str, Invalid> {
    if (8..=128).contains(&raw.chars().count()) {
        Ok(raw)
    } else {
        Err(Invalid::Password)
    }
}

/// Trimmed, 1–4000 characters, newlines kept.
pub fn message_body(raw: &str) -> Result<String, Invalid> {
    let body = raw.trim();
    match body.chars().count() {
        0 => Err(Invalid::EmptyBody),
        n if n > MAX_BODY_CHARS => Err(Invalid::BodyTooLong),
        _ => Ok(body.replace("\r\n", "\n")),
    }
}

/// A client-generated id: 8–64 characters of ASCII letters, digits and `-`.
pub fn client_id(raw: &str) -> Result<String, Invalid> {
    let ok =
        (8..=64).contains(&raw.len()) && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(Invalid::ClientId)
    }
}

/// 1–50 characters after trimming, any script, no control characters.
pub fn room_name(raw: &str) -> Result<String, Invalid> {
    one_line(raw, 1..=50).ok_or(Invalid::RoomName)
}

/// At most 200 characters on one line; may be empty.
pub fn topic(raw: &str) -> Result<String, Invalid> {
    one_line(raw, 0..=200).ok_or(Invalid::Topic)
}

/// The emoji people may react with.
pub const REACTIONS: [&str; 8] = ["👍", "❤️", "😂", "🎉", "😮", "🙏", "👀", "✅"];

/// One of [`REACTIONS`].
pub fn reaction(raw: &str) -> Result<&'static str, Invalid> {
    REACTIONS
        .iter()
        .find(|e| **e == raw.trim())
        .copied()
        .ok_or(Invalid::Reaction)
}

/// A search: up to 100 characters, split into at most 8 distinct terms on any space
/// (including the full-width space of Japanese input).
pub fn search_terms(raw: &str) -> Result<Vec<String>, Invalid> {
    let query = raw.trim();
    if query.chars().count() > 100 || query.chars().any(char::is_control) {
        return Err(Invalid::Query);
    }
    let mut terms: Vec<String> = Vec::new();
    for term in query.split(char::is_whitespace).filter(|t| !t.is_empty()) {
        if !terms.iter().any(|t| t == term) {
            terms.push(term.to_owned());
        }
    }
    if terms.len() > 8 {
        return Err(Invalid::Query);
    }
    Ok(terms)
}

/// The readable part of a room's address: ASCII words of the name joined by `-` (at most 40
/// characters), or `room` for names with none (日本語 names get a random suffix anyway).
pub fn slug_base(name: &str) -> String {
    let mut slug = String::new();
    for word in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.len() + word.len() + 1 > 40 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    if slug.is_empty() || slug.starts_with("dm-") || slug == "dm" {
        slug.insert_str(0, "room");
        if slug.len() > 4 {
            slug.insert(4, '-');
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_short_lowercase_ascii() {
        assert_eq!(username(" alice_01 ").as_deref(), Ok("alice_01"));
        assert_eq!(username("bo"), Err(Invalid::Username));
        assert_eq!(username("Alice"), Err(Invalid::Username));
        assert_eq!(username("たろう"), Err(Invalid::Username));
        assert_eq!(username(&"a".repeat(33)), Err(Invalid::Username));
        assert!(username(&"a".repeat(32)).is_ok());
    }

    #[test]
    fn display_names_count_characters_not_bytes() {
        assert_eq!(display_name("山田 太郎").as_deref(), Ok("山田 太郎"));
        assert!(display_name(&"語".repeat(50)).is_ok());
        assert_eq!(display_name(&"語".repeat(51)), Err(Invalid::DisplayName));
        assert_eq!(display_name("   "), Err(Invalid::DisplayName));
        assert_eq!(display_name("a\u{0007}b"), Err(Invalid::DisplayName));
        for hidden in [
            "admin\u{202E}nimda",
            "a\u{200B}b",
            "\u{2066}x\u{2069}",
            "\u{FEFF}bob",
        ] {
            assert_eq!(
                display_name(hidden),
                Err(Invalid::DisplayName),
                "{hidden:?}"
            );
        }
        // Joiners make emoji and some scripts: they stay.
        assert!(display_name("👩\u{200D}💻 Hana").is_ok());
        assert!(room_name("勉強会\u{202E}").is_err());
    }

    #[test]
    fn passwords_are_eight_to_128_characters() {
        assert_eq!(password("short"), Err(Invalid::Password));
        assert!(password("パスワード長いです").is_ok());
        assert_eq!(password(&"x".repeat(129)), Err(Invalid::Password));
    }

    #[test]
    fn message_bodies_are_trimmed_and_limited() {
        assert_eq!(message_body("  hi\n there \n").as_deref(), Ok("hi\n there"));
        assert_eq!(message_body(" \n "), Err(Invalid::EmptyBody));
        assert!(message_body(&"会".repeat(4000)).is_ok());
        assert_eq!(message_body(&"会".repeat(4001)), Err(Invalid::BodyTooLong));
        assert_eq!(message_body("a\r\nb").as_deref(), Ok("a\nb"));
    }

    #[test]
    fn client_ids_are_plain_tokens() {
        assert!(client_id("3f2a9c1e-77aa").is_ok());
        assert_eq!(client_id("short"), Err(Invalid::ClientId));
        assert_eq!(client_id("has space in it"), Err(Invalid::ClientId));
    }

    #[test]
    fn room_names_and_topics_are_checked() {
        assert_eq!(
            room_name(" 日本語の勉強会 ").as_deref(),
            Ok("日本語の勉強会")
        );
        assert_eq!(room_name(""), Err(Invalid::RoomName));
        assert_eq!(room_name(&"語".repeat(51)), Err(Invalid::RoomName));
        assert_eq!(topic("").as_deref(), Ok(""));
        assert_eq!(topic("a\nb"), Err(Invalid::Topic));
        assert_eq!(topic(&"x".repeat(201)), Err(Invalid::Topic));
    }

    #[test]
    fn slugs_keep_the_ascii_words_of_a_name() {
        assert_eq!(slug_base("Rust Study Group!"), "rust-study-group");
        assert_eq!(slug_base("日本語の勉強会"), "room");
        assert_eq!(slug_base("N2 文法"), "n2");
        assert_eq!(slug_base("dm 1 2"), "room-dm-1-2");
        assert!(slug_base(&"word ".repeat(30)).len() <= 40);
    }

    #[test]
    fn search_terms_split_on_any_space_and_are_limited() {
        assert_eq!(
            search_terms(" 会話　楽しい  会話 ").unwrap(),
            vec!["会話", "楽しい"]
        );
        assert!(search_terms("").unwrap().is_empty());
        assert_eq!(search_terms(&"x".repeat(101)), Err(Invalid::Query));
        assert_eq!(search_terms("a b c d e f g h i"), Err(Invalid::Query));
    }

    #[test]
    fn reactions_come_from_the_palette() {
        assert_eq!(reaction(" 👍 "), Ok("👍"));
        assert_eq!(reaction("<script>"), Err(Invalid::Reaction));
        assert_eq!(reaction("👍👍"), Err(Invalid::Reaction));
    }
}
