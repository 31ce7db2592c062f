use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Message;

/// What a search found.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub terms: Vec<String>,
    pub messages: Vec<Message>,
    /// The name of each room a message was found in, by its slug, as the reader sees it (a
    /// direct conversation is named after the other person).
    pub room_names: BTreeMap<String, String>,
}

/// At most this many characters of context on each side of the first match.
const CONTEXT: usize = 40;

/// The part of `body` around the first match of any term, cut into pieces, each marked whether
/// it matches a term (case-insensitive for ASCII, like the search itself).
pub fn excerpt(body: &str, terms: &[String]) -> Vec<(String, bool)> {
    let chars: Vec<char> = body.chars().collect();
    let lower: Vec<char> = chars.iter().map(|c| c.to_ascii_lowercase()).collect();
    let terms: Vec<Vec<char>> = terms
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().map(|c| c.to_ascii_lowercase()).collect())
        .collect();
    let match_at = |i: usize| {
        terms
            .iter()
            .find(|t| lower[i..].starts_with(t))
            .map(|t| t.len())
    };
    let first = (0..chars.len())
        .find(|&i| match_at(i).is_some())
        .unwrap_or(0);
    let start = first.saturating_sub(CONTEXT);
    let end = (first + CONTEXT * 2).min(chars.len());
    let mut pieces: Vec<(String, bool)> = Vec::new();
    if start > 0 {
        pieces.push(("…".into(), false));
    }
    let mut i = start;
    while i < end {
        match match_at(i) {
            Some(len) => {
                let to = (i + len).min(chars.len());
                pieces.push((chars[i..to].iter().collect(), true));
                i = to;
            }
            None => {
                let text: String = chars[i..=i].iter().collect();
                match pieces.last_mut() {
                    Some((last, false)) if last != "…" => last.push_str(&text),
                    _ => pieces.push((text, false)),
                }
                i += 1;
            }
        }
    }
    if end < chars.len() {
        pieces.push(("…".into(), false));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn japanese_matches_are_marked_inside_words() {
        let pieces = excerpt("今日の会話は楽しい", &terms(&["会話"]));
        assert_eq!(
            pieces,
            vec![
                ("今日の".to_owned(), false),
                ("会話".to_owned(), true),
                ("は楽しい".to_owned(), false)
            ]
        );
    }

    #[test]
    fn mixed_script_and_case_are_found_and_long_text_is_cut_around_the_match() {
        let body = format!(
            "{}Rustで書いた kaiwa サーバー{}",
            "前".repeat(100),
            "後".repeat(100)
        );
        let pieces = excerpt(&body, &terms(&["KAIWA", "サーバー"]));
        let marked: Vec<&str> = pieces
            .iter()
            .filter(|p| p.1)
            .map(|p| p.0.as_str())
            .collect();
        assert_eq!(marked, vec!["kaiwa", "サーバー"]);
        assert_eq!(pieces.first().unwrap().0, "…");
        assert_eq!(pieces.last().unwrap().0, "…");
        let shown: usize = pieces.iter().map(|p| p.0.chars().count()).sum();
        assert!(shown <= 2 + CONTEXT * 3, "{shown} characters shown");
    }
}
