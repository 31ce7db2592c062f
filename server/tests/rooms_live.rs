//! Rooms over the real socket: who hears what, and when a room stops for someone.
mod support;

use app::{
    model::LiveEvent,
    server::{messages, rooms, rooms::memberships},
};
use futures::SinkExt;
use sqlx::SqlitePool;
use support::{close_code, live, next_event, next_frame, Kaiwa, Socket};
use tokio_tungstenite::tungstenite::{Error, Message};

async fn follow(kaiwa: &Kaiwa, room: &str, cookie: &str) -> Socket {
    let mut socket = live(kaiwa, room, Some(cookie), &kaiwa.origin(), 0)
        .await
        .unwrap();
    assert!(matches!(
        next_event(&mut socket).await,
        LiveEvent::CaughtUp { .. }
    ));
    socket
}

fn body_of(event: LiveEvent) -> String {
    match event {
        LiveEvent::MessagePosted { message, .. } => message.body,
        other => panic!("expected a message, got {other:?}"),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_non_member_cannot_subscribe_to_a_private_room(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (_, carols) = kaiwa.person("carol", "Carol").await;
    let slug = rooms::create(&kaiwa.state, &alice, "Secret", "", "private")
        .await
        .unwrap();
    for room in [slug.as_str(), "no-such-room"] {
        match live(&kaiwa, room, Some(&carols), &kaiwa.origin(), 0).await {
            Err(Error::Http(response)) => assert_eq!(response.status(), 404),
            other => panic!("expected 404, got {:?}", other.map(|_| "an open socket")),
        }
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_whisper_to_bob_reaches_bob_live_and_in_replay_but_never_carol(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let (_, carols) = kaiwa.person("carol", "Carol").await;
    let mut bob = follow(&kaiwa, "general", &bobs).await;
    let mut carol = follow(&kaiwa, "general", &carols).await;

    let say = |id: &'static str, body: &'static str, to: Option<&'static str>| {
        let (state, alice) = (kaiwa.state.clone(), alice.clone());
        async move {
            messages::post(&state, &alice, "general", id, body, to)
                .await
                .unwrap()
        }
    };
    say("whisper-0001", "psst, bob", Some("bob")).await;
    say("public-00002", "hello everyone", None).await;

    assert_eq!(body_of(next_event(&mut bob).await), "psst, bob");
    assert_eq!(body_of(next_event(&mut bob).await), "hello everyone");
    assert_eq!(body_of(next_event(&mut carol).await), "hello everyone");

    // Reconnecting from the start replays the whisper to bob only.
    let mut bob_again = live(&kaiwa, "general", Some(&bobs), &kaiwa.origin(), 0)
        .await
        .unwrap();
    assert_eq!(body_of(next_event(&mut bob_again).await), "psst, bob");
    let mut carol_again = live(&kaiwa, "general", Some(&carols), &kaiwa.origin(), 0)
        .await
        .unwrap();
    assert_eq!(
        body_of(next_event(&mut carol_again).await),
        "hello everyone"
    );
    assert!(matches!(
        next_event(&mut carol_again).await,
        LiveEvent::CaughtUp { seq: 2, .. }
    ));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_removed_member_stops_receiving_the_room_at_once(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let slug = rooms::create(&kaiwa.state, &alice, "Team", "", "private")
        .await
        .unwrap();
    memberships::invite(&kaiwa.state, &alice, &slug, "bob")
        .await
        .unwrap();
    let mut bob = follow(&kaiwa, &slug, &bobs).await;

    memberships::remove(&kaiwa.state, &alice, &slug, "bob")
        .await
        .unwrap();
    messages::post(
        &kaiwa.state,
        &alice,
        &slug,
        "after-000001",
        "bob is out",
        None,
    )
    .await
    .unwrap();
    assert!(matches!(
        next_event(&mut bob).await,
        LiveEvent::MemberLeft { .. }
    ));
    assert_eq!(
        close_code(&mut bob).await,
        Some(4404),
        "and nothing after it"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_deleted_room_disappears_for_members_following_it_or_not(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (bob_me, bobs) = kaiwa.person("bob", "Bob").await;
    let slug = rooms::create(&kaiwa.state, &alice, "Short lived", "", "public")
        .await
        .unwrap();
    memberships::join(&kaiwa.state, &bob_me, &slug)
        .await
        .unwrap();
    let mut in_room = follow(&kaiwa, &slug, &bobs).await;
    let mut in_general = follow(&kaiwa, "general", &bobs).await;

    rooms::delete(&kaiwa.state, &alice, &slug).await.unwrap();
    assert!(matches!(
        next_event(&mut in_room).await,
        LiveEvent::RoomDeleted { .. }
    ));
    assert_eq!(close_code(&mut in_room).await, Some(4404));
    assert!(
        matches!(next_event(&mut in_general).await, LiveEvent::RoomDeleted { room } if room == slug)
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn news_of_other_rooms_reaches_the_sidebar(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let (_, carols) = kaiwa.person("carol", "Carol").await;
    let slug = rooms::create(&kaiwa.state, &alice, "Design", "", "public")
        .await
        .unwrap();
    let mut bob = follow(&kaiwa, "general", &bobs).await;
    let mut carol = follow(&kaiwa, "general", &carols).await;

    // Invited while following general: the room is added, then its messages arrive as news.
    memberships::invite(&kaiwa.state, &alice, &slug, "bob")
        .await
        .unwrap();
    assert!(
        matches!(next_event(&mut bob).await, LiveEvent::RoomAdded { room } if room.slug == slug)
    );
    messages::post(
        &kaiwa.state,
        &alice,
        &slug,
        "design-00001",
        "new mockups",
        None,
    )
    .await
    .unwrap();
    assert_eq!(body_of(next_event(&mut bob).await), "new mockups");
    // Carol is not in the room and hears nothing of it.
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "general-0001",
        "lunch?",
        None,
    )
    .await
    .unwrap();
    assert_eq!(body_of(next_event(&mut carol).await), "lunch?");
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_reconnecting_client_may_ask_for_its_rooms_with_unread_counts(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "unread-00001",
        "news",
        None,
    )
    .await
    .unwrap();
    let tail = "general/live?after=1&rooms=true";
    let mut bob = support::live_at(&kaiwa, tail, Some(&bobs), &kaiwa.origin())
        .await
        .unwrap();
    assert!(matches!(
        next_frame(&mut bob).await,
        LiveEvent::CaughtUp { .. }
    ));
    match next_frame(&mut bob).await {
        LiveEvent::Rooms { rooms } => {
            assert_eq!(rooms.len(), 1);
            assert_eq!((rooms[0].slug.as_str(), rooms[0].unread), ("general", 1));
        }
        other => panic!("expected the room list, got {other:?}"),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn presence_shows_who_comes_and_goes_once_per_person(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, alices) = kaiwa.person("alice", "Alice").await;
    let (bob_me, bobs) = kaiwa.person("bob", "Bob").await;
    let mut alice = follow(&kaiwa, "general", &alices).await;
    let first_tab = follow(&kaiwa, "general", &bobs).await;
    let second_tab = follow(&kaiwa, "general", &bobs).await;

    // Bob's two tabs came online: the frame that says so names him once. (Alice may come
    // in a frame of her own first, if a tick fell between her socket and his.)
    let (online, offline) = loop {
        let (online, offline) = wait_for_presence(&mut alice).await;
        if online.contains(&bob_me.id) {
            break (online, offline);
        }
    };
    assert_eq!(
        online.iter().filter(|id| **id == bob_me.id).count(),
        1,
        "{online:?}"
    );
    assert!(offline.is_empty());
    drop(first_tab);
    drop(second_tab);
    assert_eq!(
        wait_for_presence(&mut alice).await,
        (vec![], vec![bob_me.id])
    );
}

/// The next coalesced presence change (skipping the snapshot sent on connect).
async fn wait_for_presence(socket: &mut Socket) -> (Vec<i64>, Vec<i64>) {
    loop {
        if let LiveEvent::Presence {
            online,
            offline,
            snapshot: false,
            ..
        } = next_frame(socket).await
        {
            return (online, offline);
        }
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn typing_is_passed_on_to_the_room_and_never_stored(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, alices) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let mut alice = follow(&kaiwa, "general", &alices).await;
    let mut bob = follow(&kaiwa, "general", &bobs).await;
    bob.send(Message::text(r#"{"type":"typing"}"#))
        .await
        .unwrap();
    loop {
        if let LiveEvent::Typing { username, .. } = next_frame(&mut alice).await {
            assert_eq!(username, "bob");
            break;
        }
    }
    let stored: i64 = app::server::db::on!(&kaiwa.state.pool, |p| sqlx::query_scalar(
        "SELECT count(*) FROM messages"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(stored, 0);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn leaving_a_room_tells_the_readers_other_sockets_it_is_read(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (bob, bobs) = kaiwa.person("bob", "Bob").await;
    let slug = rooms::create(&kaiwa.state, &alice, "Reading", "", "public")
        .await
        .unwrap();
    memberships::join(&kaiwa.state, &bob, &slug).await.unwrap();
    let mut in_room = follow(&kaiwa, &slug, &bobs).await;
    messages::post(
        &kaiwa.state,
        &alice,
        &slug,
        "read-test-001",
        "読んでね",
        None,
    )
    .await
    .unwrap();
    assert_eq!(body_of(next_event(&mut in_room).await), "読んでね");

    // Bob opens general (its page counted the room as unread) and closes the room's socket.
    let mut in_general = follow(&kaiwa, "general", &bobs).await;
    in_room.close(None).await.unwrap();
    loop {
        match next_event(&mut in_general).await {
            LiveEvent::RoomRead { room, unread, .. } if room == slug => {
                assert_eq!(unread, 0);
                break;
            }
            LiveEvent::MessagePosted { .. } => continue,
            other => panic!("expected room_read, got {other:?}"),
        }
    }
    let unread = app::server::db::rooms::of_member(&kaiwa.state.pool, bob.id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.slug == slug)
        .unwrap()
        .unread;
    assert_eq!(unread, 0);
}
