//! The JSON API contract: status codes, error bodies, idempotency, limits.
mod support;

use std::num::NonZeroU32;

use app::server::Settings;
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use sqlx::SqlitePool;
use support::{send, text, Kaiwa};

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_json_api_posts_idempotently_and_lists_after_a_sequence(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    let post = |body: &'static str| {
        Request::post("/api/v1/rooms/general/messages")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap()
    };
    let first = send(
        &kaiwa,
        post(r#"{"client_id":"api-client-01","body":"one"}"#),
    )
    .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let again = send(
        &kaiwa,
        post(r#"{"client_id":"api-client-01","body":"one"}"#),
    )
    .await;
    assert_eq!(again.status(), StatusCode::OK);
    send(
        &kaiwa,
        post(r#"{"client_id":"api-client-02","body":"two"}"#),
    )
    .await;

    let bad = send(&kaiwa, post(r#"{"client_id":"api-client-03","body":""}"#)).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: serde_json::Value = serde_json::from_str(&text(bad).await).unwrap();
    assert_eq!(error["error"]["code"], "empty_body");

    let list = Request::get("/api/v1/rooms/general/messages?after=1")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let listed: serde_json::Value =
        serde_json::from_str(&text(send(&kaiwa, list).await).await).unwrap();
    assert_eq!(listed["last_seq"], 2);
    assert_eq!(listed["messages"].as_array().unwrap().len(), 1);
    assert_eq!(listed["messages"][0]["body"], "two");
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn an_oversized_body_is_refused_with_413(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    let huge = format!(
        r#"{{"client_id":"huge-body-01","body":"{}"}}"#,
        "x".repeat(100_000)
    );
    let request = Request::post("/api/v1/rooms/general/messages")
        .header(header::COOKIE, &cookie)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(huge))
        .unwrap();
    assert_eq!(
        send(&kaiwa, request).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn posting_from_a_script_too_fast_gets_429_with_a_json_error(pool: SqlitePool) {
    // A burst of 5, then one a second: the 429 comes whatever the machine's speed (the
    // defaults, 100 then 10 a second, made this depend on 120 posts fitting in 2 seconds).
    let settings = Settings {
        posts_per_second: NonZeroU32::MIN,
        post_burst: NonZeroU32::new(5).unwrap(),
        ..Settings::default()
    };
    let kaiwa = Kaiwa::start_with(pool, settings).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    let mut last = None;
    for i in 0..120 {
        let request = Request::post("/api/v1/rooms/general/messages")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(format!(
                r#"{{"client_id":"fast-{i:05}","body":"hi"}}"#
            )))
            .unwrap();
        let response = send(&kaiwa, request).await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            last = Some(text(response).await);
            break;
        }
    }
    let body: serde_json::Value =
        serde_json::from_str(&last.expect("a 429 within 120 posts")).unwrap();
    assert_eq!(body["error"]["code"], "too_fast");
}

fn api(method: &str, path: &str, cookie: &str, body: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_api_hides_private_rooms_and_whispers_from_everyone_else(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let (_, carols) = kaiwa.person("carol", "Carol").await;
    let slug = app::server::rooms::create(&kaiwa.state, &alice, "Secret", "", "private")
        .await
        .unwrap();

    let path = format!("/api/v1/rooms/{slug}/messages");
    let read = send(&kaiwa, api("GET", &path, &carols, "")).await;
    assert_eq!(read.status(), StatusCode::NOT_FOUND);
    let error: serde_json::Value = serde_json::from_str(&text(read).await).unwrap();
    assert_eq!(error["error"]["code"], "room_not_found");
    let write = send(
        &kaiwa,
        api(
            "POST",
            &path,
            &carols,
            r#"{"client_id":"sneaky-0001","body":"hi"}"#,
        ),
    )
    .await;
    assert_eq!(write.status(), StatusCode::NOT_FOUND);

    let whisper = r#"{"client_id":"whisper-api-1","body":"for bob only","to":"bob"}"#;
    let sent = send(
        &kaiwa,
        api("POST", "/api/v1/rooms/general/messages", &alices, whisper),
    )
    .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let sent: serde_json::Value = serde_json::from_str(&text(sent).await).unwrap();
    assert_eq!(sent["recipient_username"], "bob");
    for (cookie, expected) in [(&bobs, 1), (&carols, 0)] {
        let list = send(
            &kaiwa,
            api("GET", "/api/v1/rooms/general/messages", cookie, ""),
        )
        .await;
        let list: serde_json::Value = serde_json::from_str(&text(list).await).unwrap();
        assert_eq!(list["messages"].as_array().unwrap().len(), expected);
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn reactions_asked_for_at_once_never_undo_each_other(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, cookie) = kaiwa.person("alice", "Alice").await;
    let posted = app::server::messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "react-race-1",
        "いいね？",
        None,
    )
    .await
    .unwrap();
    let path = format!(
        "/api/v1/rooms/general/messages/{}/reactions/%F0%9F%91%8D",
        posted.message.seq
    );
    let request = |method: &str| {
        Request::builder()
            .method(method)
            .uri(&path)
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap()
    };
    // Eight "add 👍" at once (a client retrying, two tabs): one reaction, one room event.
    let adds = (0..8).map(|_| send(&kaiwa, request("PUT")));
    for response in futures::future::join_all(adds).await {
        assert_eq!(response.status(), StatusCode::OK);
    }
    let events_after_post = |pool: app::server::db::Store| async move {
        app::server::db::on!(&pool, |p| sqlx::query_scalar::<_, i64>(
            "SELECT last_seq FROM rooms WHERE slug = 'general'"
        )
        .fetch_one(p)
        .await)
        .unwrap()
    };
    assert_eq!(
        events_after_post(kaiwa.state.pool.clone()).await,
        posted.message.seq + 1
    );
    // And eight "take it back" at once: none left, one more event.
    let removes = (0..8).map(|_| send(&kaiwa, request("DELETE")));
    for response in futures::future::join_all(removes).await {
        let message: serde_json::Value = serde_json::from_str(&text(response).await).unwrap();
        assert_eq!(message["reactions"], serde_json::json!([]));
    }
    assert_eq!(
        events_after_post(kaiwa.state.pool.clone()).await,
        posted.message.seq + 2
    );
}
