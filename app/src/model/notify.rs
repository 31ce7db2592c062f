use serde::{Deserialize, Serialize};

use super::{Message, RoomKind};

/// Which messages in a room raise a desktop notification while the reader's tab is hidden.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "lowercase")
)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Notify {
    All,
    /// Mentions of the reader, messages whispered to them and direct messages (the default).
    #[default]
    Mentions,
    Nothing,
}

impl Notify {
    pub const ALL: [Notify; 3] = [Notify::All, Notify::Mentions, Notify::Nothing];

    pub fn code(self) -> &'static str {
        match self {
            Notify::All => "all",
            Notify::Mentions => "mentions",
            Notify::Nothing => "nothing",
        }
    }

    pub fn from_code(code: &str) -> Option<Notify> {
        Notify::ALL.into_iter().find(|n| n.code() == code)
    }

    /// Whether `message`, posted in a room of `kind` where the reader (`me`, a username) chose
    /// this level, calls for a notification. The reader's own messages never do.
    pub fn wants(self, kind: RoomKind, message: &Message, me: &str) -> bool {
        if message.author_username == me {
            return false;
        }
        let personal = kind == RoomKind::Direct
            || message.recipient_username.as_deref() == Some(me)
            || message.mentioned.iter().any(|m| m == me);
        match self {
            Notify::All => true,
            Notify::Mentions => personal,
            Notify::Nothing => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(author: &str) -> Message {
        Message {
            author_username: author.into(),
            body: "こんにちは".into(),
            ..Message::default()
        }
    }

    #[test]
    fn mentions_level_notifies_of_mentions_whispers_and_direct_messages_only() {
        let plain = from("alice");
        let mut mention = from("alice");
        mention.mentioned = vec!["bob".into()];
        let mut whisper = from("alice");
        whisper.recipient_username = Some("bob".into());
        let level = Notify::Mentions;
        assert!(!level.wants(RoomKind::Public, &plain, "bob"));
        assert!(level.wants(RoomKind::Public, &mention, "bob"));
        assert!(level.wants(RoomKind::Private, &whisper, "bob"));
        assert!(level.wants(RoomKind::Direct, &plain, "bob"));
    }

    #[test]
    fn all_notifies_of_everything_from_others_and_nothing_of_nothing() {
        let mut mention = from("alice");
        mention.mentioned = vec!["bob".into()];
        assert!(Notify::All.wants(RoomKind::Public, &from("alice"), "bob"));
        assert!(!Notify::All.wants(RoomKind::Public, &from("bob"), "bob"));
        assert!(!Notify::Nothing.wants(RoomKind::Direct, &mention, "bob"));
    }

    #[test]
    fn levels_read_back_from_their_codes() {
        for level in Notify::ALL {
            assert_eq!(Notify::from_code(level.code()), Some(level));
        }
        assert_eq!(Notify::from_code("loud"), None);
    }
}
