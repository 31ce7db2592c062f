use super::*;
use crate::model::Notify;

fn room(kind: RoomKind) -> RoomSummary {
    RoomSummary {
        last_seq: 0,
        slug: "benkyou".into(),
        name: "勉強会".into(),
        topic: String::new(),
        kind,
        unread: 0,
        mentions: 0,
        is_member: true,
        notify: Notify::Mentions,
    }
}

#[test]
fn a_notification_names_the_room_and_author_in_the_readers_language() {
    let message = Message {
        author_display_name: "山田 花子".into(),
        body: "明日は9時から".into(),
        ..Message::default()
    };
    let (title, body) = notification_text(Lang::Ja, &room(RoomKind::Public), &message);
    assert_eq!(title, "山田 花子（#勉強会）");
    assert_eq!(body, "明日は9時から");
    let (title, _) = notification_text(Lang::En, &room(RoomKind::Public), &message);
    assert_eq!(title, "山田 花子 in #勉強会");
    let (title, _) = notification_text(Lang::En, &room(RoomKind::Direct), &message);
    assert_eq!(title, "山田 花子 (direct message)");
}

#[test]
fn a_long_message_is_cut_for_the_notification() {
    let message = Message {
        body: "あ".repeat(500),
        ..Message::default()
    };
    let (_, body) = notification_text(Lang::En, &room(RoomKind::Public), &message);
    assert_eq!(body.chars().count(), 200);
}
