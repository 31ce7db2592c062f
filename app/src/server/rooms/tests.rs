//! Who may see and do what, read as sentences over alice (admin), bob and carol.
use sqlx::SqlitePool;

use super::*;
use crate::{
    error::Invalid,
    server::{
        db::messages,
        fixtures::{decode, kaiwa, private_room, room_id},
        messages::post,
        rooms::memberships,
        rooms::room_page::{room_page, Window},
    },
};

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_first_account_is_admin_and_everyone_joins_general(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    assert!(k.alice.is_admin);
    assert!(!k.bob.is_admin && !k.carol.is_admin);
    let general = room_id(&k.state, GENERAL).await;
    let members = db::memberships::member_ids(&k.state.pool, general)
        .await
        .unwrap();
    assert_eq!(members.len(), 3);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_non_member_cannot_read_post_to_or_subscribe_to_a_private_room(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let slug = private_room(&k.state, &k.alice).await;
    assert_eq!(slug, "secret-plans");
    post(&k.state, &k.alice, &slug, "secret-0001", "the plan", None)
        .await
        .unwrap();

    // Page, post, subscription (the socket asks `readable`) and the API alike: not found.
    let page = room_page(&k.state, k.carol.clone(), &slug, None, Window::Latest).await;
    assert_eq!(page.err(), Some(AppError::RoomNotFound));
    let posted = post(&k.state, &k.carol, &slug, "carol-00001", "let me in", None).await;
    assert_eq!(posted.err(), Some(AppError::RoomNotFound));
    assert_eq!(
        readable(&k.state, &k.carol, &slug).await.err(),
        Some(AppError::RoomNotFound)
    );
    // Not found is exactly what a room that does not exist says.
    assert_eq!(
        readable(&k.state, &k.carol, "no-such-room").await.err(),
        Some(AppError::RoomNotFound)
    );
    // Joining by name is no way in either, and the directory does not list it.
    assert_eq!(
        memberships::join(&k.state, &k.carol, &slug).await.err(),
        Some(AppError::RoomNotFound)
    );
    let directory = directory(&k.state, &k.carol).await.unwrap();
    assert!(directory.iter().all(|r| r.slug != slug));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_public_room_can_be_read_before_joining_but_not_posted_to(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let slug = create(&k.state, &k.alice, "日本語の勉強会", "N2 文法", "public")
        .await
        .unwrap();
    assert!(slug.starts_with("room-"), "{slug}");
    let page = room_page(&k.state, k.bob.clone(), &slug, None, Window::Latest)
        .await
        .unwrap();
    assert!(!page.is_member);
    assert_eq!(page.room.name, "日本語の勉強会");
    let posted = post(&k.state, &k.bob, &slug, "bob-early-01", "hi", None).await;
    assert_eq!(posted.err(), Some(AppError::NotAMember));
    memberships::join(&k.state, &k.bob, &slug).await.unwrap();
    assert!(post(&k.state, &k.bob, &slug, "bob-early-02", "hi", None)
        .await
        .is_ok());
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_whisper_to_bob_never_reaches_carol_by_any_route(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let general = room_id(&k.state, GENERAL).await;
    let mut live = k.state.hub.subscribe(general);
    post(
        &k.state,
        &k.alice,
        GENERAL,
        "public-0001",
        "hello all",
        None,
    )
    .await
    .unwrap();
    let whisper = post(
        &k.state,
        &k.alice,
        GENERAL,
        "whisper-001",
        "psst, bob",
        Some("bob"),
    )
    .await
    .unwrap()
    .message;
    assert_eq!(whisper.recipient_username.as_deref(), Some("bob"));

    // Live: the frame is addressed to alice and bob only (sockets drop it for anyone else).
    let _public = live.try_recv().unwrap();
    let frame = live.try_recv().unwrap();
    assert!(frame.reaches(k.alice.id) && frame.reaches(k.bob.id));
    assert!(!frame.reaches(k.carol.id));
    // Carol's unread count does not count it.
    let carols = db::rooms::of_member(&k.state.pool, k.carol.id)
        .await
        .unwrap();
    assert_eq!(carols[0].unread, 1);
    // Replay after reconnecting, history (the page) and the API's latest: never for carol.
    let replay = messages::after(&k.state.pool, k.carol.id, general, 0, 100)
        .await
        .unwrap();
    let latest = messages::latest(&k.state.pool, k.carol.id, general, 50)
        .await
        .unwrap();
    let page = room_page(&k.state, k.carol.clone(), GENERAL, None, Window::Latest)
        .await
        .unwrap();
    for seen in [&replay, &latest, &page.messages] {
        assert_eq!(seen.len(), 1);
        assert!(seen.iter().all(|m| m.body != "psst, bob"));
    }
    // Bob and alice see it everywhere.
    let bobs = messages::after(&k.state.pool, k.bob.id, general, 0, 100)
        .await
        .unwrap();
    assert_eq!(bobs.len(), 2);
    let alices = room_page(&k.state, k.alice.clone(), GENERAL, None, Window::Latest)
        .await
        .unwrap();
    assert_eq!(alices.messages.len(), 2);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_whisper_goes_only_to_a_member_other_than_yourself(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let slug = private_room(&k.state, &k.alice).await;
    let to_outsider = post(
        &k.state,
        &k.alice,
        &slug,
        "whisper-002",
        "hi",
        Some("carol"),
    )
    .await;
    assert_eq!(to_outsider.err(), Some(Invalid::Recipient.into()));
    let to_self = post(
        &k.state,
        &k.alice,
        &slug,
        "whisper-003",
        "hi",
        Some("alice"),
    )
    .await;
    assert_eq!(to_self.err(), Some(Invalid::Yourself.into()));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn deleting_a_room_removes_its_messages_and_tells_its_members(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let slug = create(&k.state, &k.bob, "Temporary", "", "public")
        .await
        .unwrap();
    let id = room_id(&k.state, &slug).await;
    post(&k.state, &k.bob, &slug, "temp-000001", "soon gone", None)
        .await
        .unwrap();
    let mut live = k.state.hub.subscribe(id);

    assert_eq!(
        delete(&k.state, &k.carol, &slug).await.err(),
        Some(AppError::NotAllowed)
    );
    delete(&k.state, &k.bob, &slug).await.unwrap();

    let frame = live.try_recv().unwrap();
    assert!(matches!(decode(&frame), LiveEvent::RoomDeleted { room } if room == slug));
    assert!(frame.ends_room_for(k.carol.id));
    let left: i64 = crate::server::db::on!(&k.state.pool, |p| sqlx::query_scalar(
        "SELECT count(*) FROM messages WHERE room_id = $1"
    )
    .bind(id)
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(left, 0);
    assert_eq!(
        readable(&k.state, &k.bob, &slug).await.err(),
        Some(AppError::RoomNotFound)
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn an_admin_can_delete_any_room_but_nobody_can_delete_or_leave_general(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let slug = create(&k.state, &k.bob, "Bob's room", "", "public")
        .await
        .unwrap();
    delete(&k.state, &k.alice, &slug).await.unwrap();
    assert_eq!(
        delete(&k.state, &k.alice, GENERAL).await.err(),
        Some(AppError::KeptRoom)
    );
    assert_eq!(
        memberships::leave(&k.state, &k.bob, GENERAL).await.err(),
        Some(AppError::KeptRoom)
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_direct_conversation_has_two_members_and_is_found_again(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let slug = direct_with(&k.state, &k.alice, "bob").await.unwrap();
    assert_eq!(direct_with(&k.state, &k.bob, "alice").await.unwrap(), slug);
    let page = room_page(&k.state, k.bob.clone(), &slug, None, Window::Latest)
        .await
        .unwrap();
    assert_eq!(page.room.kind, RoomKind::Direct);
    assert_eq!(page.room.name, "Alice", "named after the other person");
    assert_eq!(page.member_count, 2);
    assert_eq!(
        readable(&k.state, &k.carol, &slug).await.err(),
        Some(AppError::RoomNotFound)
    );
    assert_eq!(
        direct_with(&k.state, &k.alice, "alice").await.err(),
        Some(Invalid::Yourself.into())
    );
    assert_eq!(
        direct_with(&k.state, &k.alice, "nobody").await.err(),
        Some(AppError::PersonNotFound)
    );
    let bobs = db::rooms::of_member(&k.state.pool, k.bob.id).await.unwrap();
    assert!(bobs
        .iter()
        .any(|r| r.slug == slug && r.kind == RoomKind::Direct));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn unread_counts_rise_with_others_messages_and_reset_when_read(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    for i in 0..3 {
        post(
            &k.state,
            &k.alice,
            GENERAL,
            &format!("unread-{i:04}"),
            "news",
            None,
        )
        .await
        .unwrap();
    }
    post(&k.state, &k.bob, GENERAL, "own-000001", "mine", None)
        .await
        .unwrap();
    let unread = |rooms: Vec<crate::model::RoomSummary>| rooms[0].unread;
    let bobs = db::rooms::of_member(&k.state.pool, k.bob.id).await.unwrap();
    assert_eq!(unread(bobs), 3, "his own message does not count");
    room_page(&k.state, k.bob.clone(), GENERAL, None, Window::Latest)
        .await
        .unwrap();
    let bobs = db::rooms::of_member(&k.state.pool, k.bob.id).await.unwrap();
    assert_eq!(unread(bobs), 0);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn one_account_making_rooms_in_bulk_is_stopped_and_others_are_not(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let burst = crate::server::rooms::room_rate::BURST.get();
    for i in 0..burst {
        create(&k.state, &k.bob, &format!("Bulk {i}"), "", "private")
            .await
            .unwrap();
    }
    let refused = create(&k.state, &k.bob, "One too many", "", "private").await;
    assert_eq!(refused.err(), Some(AppError::TooManyNewRooms));
    // A direct conversation is a room too; one that exists already is not a new one.
    let direct = direct_with(&k.state, &k.bob, "carol").await;
    assert_eq!(direct.err(), Some(AppError::TooManyNewRooms));
    let from_carol = direct_with(&k.state, &k.carol, "bob").await.unwrap();
    assert_eq!(
        direct_with(&k.state, &k.bob, "carol").await.unwrap(),
        from_carol
    );
    create(&k.state, &k.carol, "Carol's own", "", "public")
        .await
        .unwrap();
}
