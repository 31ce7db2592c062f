//! Posting and the room page, as the rest of the app uses them.
use super::*;
use crate::server::{
    fixtures::room_id,
    rooms::room_page::{room_page, Window},
};
use crate::{
    error::Invalid,
    model::{LiveEvent, Message},
};
use sqlx::SqlitePool;

async fn kaiwa(pool: SqlitePool) -> (AppState, Me, Me) {
    let k = crate::server::fixtures::kaiwa(pool).await;
    (k.state, k.alice, k.bob)
}

async fn say(state: &AppState, who: &Me, client_id: &str, body: &str) -> Applied {
    post(state, who, "general", client_id, body, None)
        .await
        .unwrap()
}

fn decode(frame: crate::server::live::hub::Frame) -> Message {
    match serde_json::from_str::<LiveEvent>(&frame.text).unwrap() {
        LiveEvent::MessagePosted { message, .. } => message,
        other => panic!("unexpected frame {other:?}"),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn each_post_gets_the_rooms_next_sequence_number(pool: SqlitePool) {
    let (state, alice, bob) = kaiwa(pool).await;
    let first = say(&state, &alice, "client-0001", "おはよう").await.message;
    let second = say(&state, &bob, "client-0002", "こんにちは").await.message;
    assert_eq!((first.seq, second.seq), (1, 2));
    assert_eq!(second.author_display_name, "ボブ");
    let last_seq: i64 = crate::server::db::on!(&state.pool, |p| sqlx::query_scalar(
        "SELECT last_seq FROM rooms WHERE slug = 'general'"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(last_seq, 2);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_retried_post_is_stored_once_and_published_once(pool: SqlitePool) {
    let (state, alice, _) = kaiwa(pool).await;
    let room_id = room_id(&state, "general").await;
    let mut live = state.hub.subscribe(room_id);

    let first = say(&state, &alice, "retry-me-123", "hello").await;
    let retry = say(&state, &alice, "retry-me-123", "hello").await;
    assert!(first.is_new && !retry.is_new);
    assert_eq!(first.message, retry.message);

    let next = say(&state, &alice, "another-4567", "again").await.message;
    assert_eq!(next.seq, 2, "a retry must not use up a sequence number");
    assert_eq!(decode(live.try_recv().unwrap()).seq, 1);
    assert_eq!(decode(live.try_recv().unwrap()).seq, 2);
    assert!(live.try_recv().is_err(), "the retry was published");
    let stored: i64 = crate::server::db::on!(&state.pool, |p| sqlx::query_scalar(
        "SELECT count(*) FROM messages"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(stored, 2);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn concurrent_posts_are_published_in_sequence_order_without_gaps(pool: SqlitePool) {
    let (state, alice, bob) = kaiwa(pool).await;
    let room_id = room_id(&state, "general").await;
    let mut live = state.hub.subscribe(room_id);
    let posts = (0..40).map(|i| {
        let (state, who) = (
            state.clone(),
            if i % 2 == 0 {
                alice.clone()
            } else {
                bob.clone()
            },
        );
        tokio::spawn(async move {
            say(
                &state,
                &who,
                &format!("concurrent-{i:03}"),
                &format!("n{i}"),
            )
            .await
        })
    });
    for post in posts.collect::<Vec<_>>() {
        post.await.unwrap();
    }
    let published: Vec<i64> = (0..40)
        .map(|_| decode(live.try_recv().unwrap()).seq)
        .collect();
    assert_eq!(published, (1..=40).collect::<Vec<_>>());
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn an_invalid_post_is_refused_and_nothing_is_stored(pool: SqlitePool) {
    let (state, alice, _) = kaiwa(pool).await;
    let refused = post(&state, &alice, "general", "client-0001", "   \n ", None).await;
    assert_eq!(refused.err(), Some(AppError::Invalid(Invalid::EmptyBody)));
    let too_long = "語".repeat(4001);
    let refused = post(&state, &alice, "general", "client-0001", &too_long, None).await;
    assert_eq!(refused.err(), Some(AppError::Invalid(Invalid::BodyTooLong)));
    let refused = post(&state, &alice, "nowhere", "client-0001", "hi", None).await;
    assert_eq!(refused.err(), Some(AppError::RoomNotFound));
    let stored: i64 = crate::server::db::on!(&state.pool, |p| sqlx::query_scalar(
        "SELECT count(*) FROM messages"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(stored, 0);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn one_account_posting_too_fast_is_slowed_down_and_others_are_not(pool: SqlitePool) {
    let (state, alice, bob) = kaiwa(pool).await;
    let (mut accepted, mut refused) = (0, 0);
    for i in 0..150 {
        match post(
            &state,
            &alice,
            "general",
            &format!("flood-{i:04}"),
            "spam",
            None,
        )
        .await
        {
            Ok(_) => accepted += 1,
            Err(e) => {
                assert_eq!(e, AppError::TooFast);
                refused += 1;
            }
        }
    }
    assert!(
        accepted >= 100,
        "the burst of 100 must pass, {accepted} did"
    );
    assert!(refused > 0, "150 posts at once must hit the limit");
    assert!(post(&state, &bob, "general", "bob-calm-0001", "hi", None)
        .await
        .is_ok());
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_room_page_shows_the_latest_fifty_oldest_first(pool: SqlitePool) {
    let (state, alice, _) = kaiwa(pool).await;
    for i in 1..=60 {
        say(
            &state,
            &alice,
            &format!("page-test-{i:03}"),
            &format!("message {i}"),
        )
        .await;
    }
    let page = room_page(&state, alice, "general", None, Window::Latest)
        .await
        .unwrap();
    let seqs: Vec<i64> = page.messages.iter().map(|m| m.seq).collect();
    assert_eq!(seqs, (11..=60).collect::<Vec<_>>());
    assert_eq!(page.last_seq, 60);
    assert_eq!(page.messages[0].body, "message 11");
    assert!(rules::client_id(&page.client_id).is_ok());
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn an_empty_room_has_an_empty_page_and_an_unknown_room_none(pool: SqlitePool) {
    let (state, alice, _) = kaiwa(pool).await;
    let page = room_page(&state, alice.clone(), "general", None, Window::Latest)
        .await
        .unwrap();
    assert!(page.messages.is_empty());
    assert_eq!(page.last_seq, 0);
    assert_eq!(page.room.name, "general");
    let missing = room_page(&state, alice, "nowhere", None, Window::Latest).await;
    assert_eq!(missing.err(), Some(AppError::RoomNotFound));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn resuming_after_n_returns_exactly_the_later_messages(pool: SqlitePool) {
    let (state, alice, _) = kaiwa(pool).await;
    for i in 1..=5 {
        say(&state, &alice, &format!("resume-test-{i}"), "x").await;
    }
    let room_id = room_id(&state, "general").await;
    let later = db::messages::after(&state.pool, alice.id, room_id, 3, 100)
        .await
        .unwrap();
    assert_eq!(later.iter().map(|m| m.seq).collect::<Vec<_>>(), vec![4, 5]);
    assert!(db::messages::after(&state.pool, alice.id, room_id, 5, 100)
        .await
        .unwrap()
        .is_empty());
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn history_pages_through_older_and_newer_and_a_permalink_opens_around_its_message(
    pool: SqlitePool,
) {
    use crate::server::rooms::room_page::older;
    let (state, alice, _) = kaiwa(pool).await;
    // Straight to the database: the posting rate limit is not what this is about.
    let room_id = room_id(&state, "general").await;
    let posts: Vec<Change> = (1..=120)
        .map(|i| {
            Change::Post(NewMessage {
                room_id,
                author_id: alice.id,
                client_id: format!("history-{i:04}"),
                body: format!("n{i}"),
                formatted: crate::server::messages::formatting::render(&format!("n{i}"), |_| false),
                recipient_id: None,
            })
        })
        .collect();
    db::event_log::apply_group(&state.pool, &posts, |_| Vec::new())
        .await
        .unwrap();
    let seqs =
        |page: &crate::model::RoomPage| page.messages.iter().map(|m| m.seq).collect::<Vec<_>>();

    let latest = room_page(&state, alice.clone(), "general", None, Window::Latest)
        .await
        .unwrap();
    assert_eq!((latest.older, latest.newer), (Some(71), None));

    let before = room_page(&state, alice.clone(), "general", None, Window::Before(71))
        .await
        .unwrap();
    assert_eq!(seqs(&before), (21..=70).collect::<Vec<_>>());
    assert_eq!((before.older, before.newer), (Some(21), Some(70)));

    let after = room_page(&state, alice.clone(), "general", None, Window::After(70))
        .await
        .unwrap();
    assert_eq!(seqs(&after), (71..=120).collect::<Vec<_>>());

    let around = room_page(&state, alice.clone(), "general", None, Window::Around(100))
        .await
        .unwrap();
    assert_eq!(seqs(&around), (75..=120).collect::<Vec<_>>());
    assert_eq!(around.highlight, Some(100));

    let (first, more) = older(&state, &alice, "general", 21).await.unwrap();
    assert_eq!(
        first.iter().map(|m| m.seq).collect::<Vec<_>>(),
        (1..=20).collect::<Vec<_>>()
    );
    assert!(!more, "nothing before the first message");
}
