//! Joining, inviting, leaving and removing, read as sentences over alice (admin), bob and carol.
use sqlx::SqlitePool;

use super::*;
use crate::server::{
    fixtures::{decode, kaiwa, private_room, room_id},
    messages::post,
    rooms::room_page::{room_page, Window},
    rooms::{create, readable},
};

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn an_invited_member_can_read_and_post_in_a_private_room(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let slug = private_room(&k.state, &k.alice).await;
    let mut bobs_news = k.state.hub.subscribe_person(k.bob.id);
    invite(&k.state, &k.alice, &slug, "bob").await.unwrap();
    match decode(&bobs_news.try_recv().unwrap()) {
        LiveEvent::RoomAdded { room } => assert_eq!(room.slug, slug),
        other => panic!("bob was told {other:?}"),
    }
    post(&k.state, &k.bob, &slug, "bob-in-0001", "thanks!", None)
        .await
        .unwrap();
    let page = room_page(&k.state, k.bob.clone(), &slug, None, Window::Latest)
        .await
        .unwrap();
    assert!(page.is_member);
    assert_eq!(page.messages.len(), 1);
    assert_eq!(page.member_count, 2);
    // A non-member cannot invite anyone into it.
    assert_eq!(
        invite(&k.state, &k.carol, &slug, "carol").await.err(),
        Some(AppError::RoomNotFound)
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_new_account_is_announced_to_general(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let mut general = k.state.hub.subscribe(room_id(&k.state, "general").await);
    let hana = crate::server::accounts::sign_up(&k.state.pool, "hana", "花", "password-123")
        .await
        .unwrap();
    announce_new_account(&k.state, &hana).await.unwrap();
    match decode(&general.try_recv().unwrap()) {
        LiveEvent::MemberJoined { room, member } => {
            assert_eq!(
                (room.as_str(), member.username.as_str()),
                ("general", "hana")
            )
        }
        other => panic!("general was told {other:?}"),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_member_who_left_gets_no_more_events(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let slug = private_room(&k.state, &k.alice).await;
    invite(&k.state, &k.alice, &slug, "bob").await.unwrap();
    let id = room_id(&k.state, &slug).await;
    let mut live = k.state.hub.subscribe(id);

    leave(&k.state, &k.bob, &slug).await.unwrap();
    post(&k.state, &k.alice, &slug, "after-0001", "bob is gone", None)
        .await
        .unwrap();

    // The leave is published before anything committed after it, and ends the room for bob:
    // a socket stops at that frame, so the next message never reaches him.
    let left = live.try_recv().unwrap();
    assert!(matches!(decode(&left), LiveEvent::MemberLeft { user_id, .. } if user_id == k.bob.id));
    assert!(left.ends_room_for(k.bob.id) && !left.ends_room_for(k.alice.id));
    assert!(matches!(
        decode(&live.try_recv().unwrap()),
        LiveEvent::MessagePosted { .. }
    ));
    // And he can no longer read, post or subscribe.
    assert_eq!(
        readable(&k.state, &k.bob, &slug).await.err(),
        Some(AppError::RoomNotFound)
    );
    let posted = post(&k.state, &k.bob, &slug, "after-0002", "wait", None).await;
    assert_eq!(posted.err(), Some(AppError::RoomNotFound));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn only_the_creator_or_an_admin_removes_members(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let slug = create(&k.state, &k.bob, "Book club", "", "private")
        .await
        .unwrap();
    invite(&k.state, &k.bob, &slug, "carol").await.unwrap();
    assert_eq!(
        remove(&k.state, &k.carol, &slug, "bob").await.err(),
        Some(AppError::NotAllowed)
    );
    remove(&k.state, &k.bob, &slug, "carol").await.unwrap();
    assert_eq!(
        readable(&k.state, &k.carol, &slug).await.err(),
        Some(AppError::RoomNotFound)
    );
}
