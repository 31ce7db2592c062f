use serde::{Deserialize, Serialize};

use super::LiveEvent;
use crate::i18n::Lang;

/// A message as everyone sees it. `seq` is the room event number that posted it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: i64,
    pub room: String,
    pub seq: i64,
    pub client_id: String,
    pub author_username: String,
    /// Empty when the author deleted their account (then `author_deleted`).
    pub author_display_name: String,
    /// The author deleted their account: show "Deleted user" in the reader's language.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(default))]
    pub author_deleted: bool,
    /// The text as typed (Markdown).
    pub body: String,
    /// The text as sanitised HTML, rendered on the server when it was written; empty for a
    /// message not rendered yet, which then shows `body` as plain text.
    #[serde(default)]
    pub html: String,
    /// Usernames this message mentions.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(json))]
    pub mentioned: Vec<String>,
    /// Set on a private message (a whisper): only its author and this person can see it.
    pub recipient_username: Option<String>,
    pub recipient_display_name: Option<String>,
    /// The text was changed after it was posted.
    #[serde(default)]
    pub edited: bool,
    /// The room event that last changed it (an edit or a reaction); 0 if none.
    #[serde(default)]
    pub changed: i64,
    /// Who reacted with what, in the order the emoji were first used.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub reactions: Vec<Reaction>,
    /// RFC 3339 in UTC, e.g. `2026-11-23T20:10:05.123Z`.
    pub created_at: String,
}

impl Message {
    pub fn is_private(&self) -> bool {
        self.recipient_username.is_some()
    }

    /// The message as a page's island receives it, beside the HTML the server rendered: a
    /// rendered text is on the page already, so both `body` and `html` go empty (hydration leaves
    /// the page's HTML in place); one not rendered yet keeps its `body`. Nor does the composer's
    /// id travel. Editing reads the text on its own page.
    pub fn for_page(mut self) -> Message {
        if !self.html.is_empty() {
            self.body.clear();
            self.html.clear();
        }
        self.client_id.clear();
        self
    }

    /// Whether the text is on the page already (see [`Message::for_page`]).
    pub fn text_on_page(&self) -> bool {
        self.body.is_empty() && self.html.is_empty()
    }
}

/// A message body as stored beside its text: its HTML and who it mentions (made by
/// `server::messages::formatting`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Formatted {
    pub html: String,
    /// Usernames marked as mentions, each once, in order of first mention.
    pub mentioned: Vec<String>,
}

/// One emoji on a message and who reacted with it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Reaction {
    pub emoji: String,
    pub usernames: Vec<String>,
}

impl Message {
    /// One line of a plain-text log: time, room, author (→ recipient, if private) and text,
    /// with backslashes, newlines and carriage returns escaped so each message is one line.
    /// People are named by username; a deleted account in the reader's words.
    pub fn log_line(&self, lang: Lang) -> String {
        let author = match self.author_deleted {
            true => lang.person(""),
            false => self.author_username.clone(),
        };
        let to = match (
            &self.recipient_username,
            self.recipient_display_name.as_deref(),
        ) {
            (Some(_), Some("")) => format!(" → {} (private)", lang.person("")),
            (Some(to), _) => format!(" → {to} (private)"),
            (None, _) => String::new(),
        };
        let text = self
            .body
            .replace('\\', "\\\\")
            .replace('\n', "\\n")
            .replace('\r', "\\r");
        format!("[{}] #{} {author}{to}: {text}", self.created_at, self.room)
    }
}

/// Inserts `incoming` into a list kept sorted by `seq`, ignoring one already present.
/// Returns whether the list changed.
pub fn merge_into(list: &mut Vec<Message>, incoming: Message) -> bool {
    match list.binary_search_by_key(&incoming.seq, |m| m.seq) {
        Ok(_) => false,
        Err(at) => {
            list.insert(at, incoming);
            true
        }
    }
}

/// Applies a room event to a list kept sorted by `seq`: a posted or edited message is put in
/// its place (replacing the copy held), a deleted one removed. Returns whether the list changed.
pub fn apply_event(list: &mut Vec<Message>, event: LiveEvent) -> bool {
    match event {
        LiveEvent::MessagePosted { message, .. } => merge_into(list, message),
        LiveEvent::MessageChanged { message, .. } => {
            match list.binary_search_by_key(&message.seq, |m| m.seq) {
                Ok(at) => list[at] = message,
                Err(at) => list.insert(at, message),
            }
            true
        }
        LiveEvent::MessageDeleted { message_seq, .. } => {
            match list.binary_search_by_key(&message_seq, |m| m.seq) {
                Ok(at) => {
                    list.remove(at);
                    true
                }
                Err(_) => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_carries_the_text_once() {
        let mut rendered = message(1);
        rendered.body = "**hi**".into();
        rendered.html = "<p><strong>hi</strong></p>".into();
        let rendered = rendered.for_page();
        assert_eq!(
            (
                rendered.body.as_str(),
                rendered.html.as_str(),
                rendered.client_id.as_str()
            ),
            ("", "", "")
        );
        assert!(rendered.text_on_page());

        let mut plain = message(2);
        plain.body = "not rendered yet".into();
        plain.html.clear();
        let plain = plain.for_page();
        assert_eq!(plain.body, "not rendered yet");
        assert!(!plain.text_on_page());
    }

    fn message(seq: i64) -> Message {
        Message {
            id: seq,
            room: "general".into(),
            seq,
            client_id: format!("c{seq}"),
            author_username: "alice".into(),
            author_display_name: "Alice".into(),
            author_deleted: false,
            body: format!("message {seq}"),
            html: format!("<p>message {seq}</p>"),
            mentioned: Vec::new(),
            recipient_username: None,
            recipient_display_name: None,
            edited: false,
            changed: 0,
            reactions: Vec::new(),
            created_at: "2026-11-23T20:10:05.123Z".into(),
        }
    }

    #[test]
    fn merging_keeps_the_list_in_sequence_order_without_duplicates() {
        let mut list = vec![message(1), message(3)];
        assert!(merge_into(&mut list, message(4)));
        assert!(merge_into(&mut list, message(2)));
        assert!(!merge_into(&mut list, message(3)));
        let seqs: Vec<i64> = list.iter().map(|m| m.seq).collect();
        assert_eq!(seqs, vec![1, 2, 3, 4]);
    }

    #[test]
    fn a_log_line_holds_one_message_with_newlines_escaped() {
        let mut m = message(7);
        m.body = "一行目\n二行目 \\n is not a newline".into();
        assert_eq!(
            m.log_line(Lang::En),
            "[2026-11-23T20:10:05.123Z] #general alice: 一行目\\n二行目 \\\\n is not a newline"
        );
        m.recipient_username = Some("bob".into());
        assert!(m.log_line(Lang::En).contains("alice → bob (private): "));
        assert_eq!(m.log_line(Lang::En).lines().count(), 1);
        m.author_deleted = true;
        assert!(m
            .log_line(Lang::Ja)
            .contains(" #general 退会したユーザー → bob (private): "));
    }
}
