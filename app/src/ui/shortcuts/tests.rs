use super::*;
use crate::model::Notify;

fn room(slug: &str, kind: RoomKind, unread: i64) -> RoomSummary {
    RoomSummary {
        last_seq: 0,
        slug: slug.into(),
        name: slug.into(),
        topic: String::new(),
        kind,
        unread,
        mentions: 0,
        is_member: true,
        notify: Notify::Mentions,
    }
}

fn sidebar() -> Vec<RoomSummary> {
    vec![
        room("dm-1-2", RoomKind::Direct, 2),
        room("benkyou", RoomKind::Public, 0),
        room("general", RoomKind::Public, 0),
        room("himitsu", RoomKind::Private, 3),
    ]
}

#[test]
fn alt_arrows_move_through_the_sidebar_in_its_order_and_wrap_around() {
    let rooms = sidebar();
    let next = |from: &str| room_to_open(&rooms, from, Shortcut::NextRoom);
    let previous = |from: &str| room_to_open(&rooms, from, Shortcut::PreviousRoom);
    assert_eq!(next("benkyou").as_deref(), Some("general"));
    assert_eq!(next("himitsu").as_deref(), Some("dm-1-2"));
    assert_eq!(next("dm-1-2").as_deref(), Some("benkyou"));
    assert_eq!(previous("benkyou").as_deref(), Some("dm-1-2"));
    assert_eq!(previous("general").as_deref(), Some("benkyou"));
}

#[test]
fn alt_shift_arrows_skip_rooms_without_unread_messages() {
    let rooms = sidebar();
    assert_eq!(
        room_to_open(&rooms, "benkyou", Shortcut::NextUnreadRoom).as_deref(),
        Some("himitsu")
    );
    assert_eq!(
        room_to_open(&rooms, "himitsu", Shortcut::NextUnreadRoom).as_deref(),
        Some("dm-1-2")
    );
    assert_eq!(
        room_to_open(&rooms, "benkyou", Shortcut::PreviousUnreadRoom).as_deref(),
        Some("dm-1-2")
    );
    let all_read = vec![
        room("general", RoomKind::Public, 0),
        room("benkyou", RoomKind::Public, 0),
    ];
    assert_eq!(
        room_to_open(&all_read, "general", Shortcut::NextUnreadRoom),
        None
    );
}

#[test]
fn keys_map_to_shortcuts_but_not_while_composing_or_typing_a_question_mark() {
    let press = |key, code, alt, shift| Press {
        key,
        code,
        alt,
        shift,
        ..Press::default()
    };
    assert_eq!(
        shortcut_for(press("ArrowDown", "ArrowDown", true, false)),
        Some(Shortcut::NextRoom)
    );
    assert_eq!(
        shortcut_for(press("ArrowUp", "ArrowUp", true, true)),
        Some(Shortcut::PreviousUnreadRoom)
    );
    // Alt+U types "¨" on a Mac keyboard: the physical key counts.
    assert_eq!(
        shortcut_for(press("¨", "KeyU", true, false)),
        Some(Shortcut::FirstUnread)
    );
    assert_eq!(
        shortcut_for(press("?", "Slash", false, true)),
        Some(Shortcut::Help)
    );
    let typing = Press {
        typing: true,
        ..press("?", "Slash", false, true)
    };
    assert_eq!(shortcut_for(typing), None);
    let composing = Press {
        composing: true,
        ..press("ArrowDown", "ArrowDown", true, false)
    };
    assert_eq!(shortcut_for(composing), None);
    assert_eq!(
        shortcut_for(press("ArrowDown", "ArrowDown", false, false)),
        None
    );
    let ctrl_slash = Press {
        ctrl: true,
        typing: true,
        ..press("/", "Slash", false, false)
    };
    assert_eq!(shortcut_for(ctrl_slash), Some(Shortcut::Help));
}
