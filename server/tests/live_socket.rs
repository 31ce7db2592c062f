mod support;

use app::{model::LiveEvent, server::messages};
use sqlx::SqlitePool;
use support::{closes_soon, live, next_event, Kaiwa};
use tokio_tungstenite::tungstenite::{Error, Message};

async fn connect(
    kaiwa: &Kaiwa,
    cookie: Option<&str>,
    origin: &str,
    after: i64,
) -> Result<support::Socket, Error> {
    live(kaiwa, "general", cookie, origin, after).await
}

fn seq_of(event: &LiveEvent) -> (bool, i64) {
    match event {
        LiveEvent::MessagePosted { seq, .. } => (true, *seq),
        LiveEvent::CaughtUp { seq, .. } => (false, *seq),
        other => panic!("not a sequenced frame: {other:?}"),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_client_resuming_after_n_gets_the_rest_then_live_events(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, cookie) = kaiwa.person("alice", "Alice").await;
    for i in 1..=3 {
        messages::post(
            &kaiwa.state,
            &alice,
            "general",
            &format!("resume-{i:04}"),
            "hi",
            None,
        )
        .await
        .unwrap();
    }

    let mut socket = connect(&kaiwa, Some(&cookie), &kaiwa.origin(), 1)
        .await
        .unwrap();
    assert_eq!(seq_of(&next_event(&mut socket).await), (true, 2));
    assert_eq!(seq_of(&next_event(&mut socket).await), (true, 3));
    assert_eq!(
        seq_of(&next_event(&mut socket).await),
        (false, 3),
        "caught up at 3"
    );

    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "resume-0004",
        "live one",
        None,
    )
    .await
    .unwrap();
    match next_event(&mut socket).await {
        LiveEvent::MessagePosted { seq, message, .. } => {
            assert_eq!(seq, 4);
            assert_eq!(message.body, "live one");
        }
        other => panic!("expected the live message, got {other:?}"),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_socket_from_another_origin_is_refused(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    match connect(&kaiwa, Some(&cookie), "http://evil.example", 0).await {
        Err(Error::Http(response)) => assert_eq!(response.status(), 403),
        other => panic!("expected 403, got {:?}", other.map(|_| "an open socket")),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_socket_without_a_session_is_refused(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    match connect(&kaiwa, None, &kaiwa.origin(), 0).await {
        Err(Error::Http(response)) => assert_eq!(response.status(), 401),
        other => panic!("expected 401, got {:?}", other.map(|_| "an open socket")),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn shutting_down_sends_sockets_a_going_away_close_frame(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    let mut socket = connect(&kaiwa, Some(&cookie), &kaiwa.origin(), 0)
        .await
        .unwrap();
    assert_eq!(seq_of(&next_event(&mut socket).await), (false, 0));

    kaiwa.state.shutdown.cancel();
    assert_eq!(support::close_code(&mut socket).await, Some(1001));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_client_sending_an_oversized_frame_or_too_many_is_cut_off(pool: SqlitePool) {
    use futures::SinkExt;
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;

    let mut big = connect(&kaiwa, Some(&cookie), &kaiwa.origin(), 0)
        .await
        .unwrap();
    next_event(&mut big).await;
    big.send(Message::text("x".repeat(10_000))).await.unwrap();
    assert!(
        closes_soon(&mut big).await,
        "an oversized frame must close the socket"
    );

    let mut chatty = connect(&kaiwa, Some(&cookie), &kaiwa.origin(), 0)
        .await
        .unwrap();
    next_event(&mut chatty).await;
    for _ in 0..25 {
        if chatty.send(Message::text("hello?")).await.is_err() {
            break;
        }
    }
    assert_eq!(support::close_code(&mut chatty).await, Some(1008));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_cursor_past_the_rooms_end_resumes_from_the_real_end(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    for id in ["cursor-0001", "cursor-0002"] {
        messages::post(&kaiwa.state, &alice, "general", id, "before", None)
            .await
            .unwrap();
    }
    // A client that kept a cursor from a room of the same name that was deleted and made again.
    let mut socket = live(&kaiwa, "general", Some(&alices), &kaiwa.origin(), 9_999)
        .await
        .unwrap();
    match next_event(&mut socket).await {
        LiveEvent::CaughtUp { seq, .. } => assert_eq!(seq, 2),
        other => panic!("expected caught_up, got {other:?}"),
    }
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "cursor-0003",
        "after",
        None,
    )
    .await
    .unwrap();
    match next_event(&mut socket).await {
        LiveEvent::MessagePosted { seq, .. } => assert_eq!(seq, 3),
        other => panic!("expected the new message, got {other:?}"),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_heaviest_message_travels_live_and_in_replay_and_the_room_goes_on(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    let mut socket = live(&kaiwa, "general", Some(&alices), &kaiwa.origin(), 0)
        .await
        .unwrap();
    assert!(matches!(
        next_event(&mut socket).await,
        LiveEvent::CaughtUp { .. }
    ));
    // 3,996 characters that highlighting once made 376 KB of HTML, beyond a socket's buffer.
    let heavy = format!("```html\n{}\n```", "<a>".repeat(1_328));
    messages::post(&kaiwa.state, &alice, "general", "heavy-00001", &heavy, None)
        .await
        .unwrap();
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "after-00001",
        "まだ読める？",
        None,
    )
    .await
    .unwrap();
    for expected in [1, 2] {
        match next_event(&mut socket).await {
            LiveEvent::MessagePosted { seq, .. } => assert_eq!(seq, expected),
            other => panic!("expected message {expected}, got {other:?}"),
        }
    }
    // And whoever resumes from before it gets both.
    let mut resumed = live(&kaiwa, "general", Some(&alices), &kaiwa.origin(), 0)
        .await
        .unwrap();
    for expected in [1, 2] {
        match next_event(&mut resumed).await {
            LiveEvent::MessagePosted { seq, message, .. } => {
                assert_eq!(seq, expected);
                assert!(message.html.len() <= app::server::messages::formatting::MAX_HTML_BYTES);
            }
            other => panic!("expected message {expected}, got {other:?}"),
        }
    }
}
