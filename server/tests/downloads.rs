//! Exports: a member's copy of a room, and anyone's own messages.
mod support;

use app::server::{messages, rooms};
use axum::http::{header, StatusCode};
use sqlx::SqlitePool;
use support::{get, send, text, Kaiwa};

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_member_downloads_the_room_as_json_and_as_a_log_of_one_line_per_message(
    pool: SqlitePool,
) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let (_, carols) = kaiwa.person("carol", "Carol").await;
    let post = |id: &'static str, body: &'static str, to: Option<&'static str>| {
        let (state, alice) = (kaiwa.state.clone(), alice.clone());
        async move {
            messages::post(&state, &alice, "general", id, body, to)
                .await
                .unwrap()
        }
    };
    post("export-0001", "一行目\n二行目", None).await;
    post("export-0002", "for bob", Some("bob")).await;

    let log = send(&kaiwa, get("/api/v1/rooms/general/export/txt", &bobs)).await;
    assert_eq!(log.status(), StatusCode::OK);
    assert!(log.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("kaiwa-general.txt"));
    let log = text(log).await;
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].contains("#general alice: 一行目\\n二行目"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("alice → bob (private): for bob"),
        "{}",
        lines[1]
    );

    let carols_log =
        text(send(&kaiwa, get("/api/v1/rooms/general/export/txt", &carols)).await).await;
    assert_eq!(
        carols_log.lines().count(),
        1,
        "carol gets no whisper to bob"
    );

    let json: serde_json::Value = serde_json::from_str(
        &text(send(&kaiwa, get("/api/v1/rooms/general/export/json", &alices)).await).await,
    )
    .unwrap();
    assert_eq!(json["messages"].as_array().unwrap().len(), 2);
    assert_eq!(json["messages"][0]["body"], "一行目\n二行目");
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn only_members_download_a_room_and_anyone_downloads_their_own_messages(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    let (_, carols) = kaiwa.person("carol", "Carol").await;
    let secret = rooms::create(&kaiwa.state, &alice, "Secret", "", "private")
        .await
        .unwrap();
    messages::post(
        &kaiwa.state,
        &alice,
        &secret,
        "mine-000001",
        "in secret",
        None,
    )
    .await
    .unwrap();
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "mine-000002",
        "in general",
        None,
    )
    .await
    .unwrap();

    let refused = send(
        &kaiwa,
        get(&format!("/api/v1/rooms/{secret}/export/json"), &carols),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);

    let mine = text(send(&kaiwa, get("/api/v1/me/export/txt", &alices)).await).await;
    assert_eq!(mine.lines().count(), 2);
    assert!(
        mine.contains("#secret alice: in secret") && mine.contains("#general alice: in general")
    );
    let none = text(send(&kaiwa, get("/api/v1/me/export/txt", &carols)).await).await;
    assert!(none.is_empty());
    let wrong = send(&kaiwa, get("/api/v1/me/export/pdf", &alices)).await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_long_history_downloads_whole_and_one_account_runs_two_exports_at_a_time(
    pool: SqlitePool,
) {
    use std::num::NonZeroU32;
    let many = NonZeroU32::new(100_000).unwrap();
    let settings = app::server::Settings {
        posts_per_second: many,
        post_burst: many,
        ..Default::default()
    };
    let kaiwa = Kaiwa::start_with(pool, settings).await;
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    // Several of the export's batches.
    for i in 0..350 {
        let id = format!("history-{i:05}");
        messages::post(
            &kaiwa.state,
            &alice,
            "general",
            &id,
            &format!("第{i}回"),
            None,
        )
        .await
        .unwrap();
    }
    let json = text(send(&kaiwa, get("/api/v1/rooms/general/export/json", &bobs)).await).await;
    let exported: serde_json::Value = serde_json::from_str(&json).unwrap();
    let bodies: Vec<&str> = exported["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (0..350).map(|i| format!("第{i}回")).collect();
    assert_eq!(bodies, expected);
    let log = text(send(&kaiwa, get("/api/v1/me/export/txt", &alices)).await).await;
    assert_eq!(log.lines().count(), 350);

    // Two downloads still running (their bodies unread): a third waits its turn.
    let first = send(&kaiwa, get("/api/v1/rooms/general/export/json", &bobs)).await;
    let second = send(&kaiwa, get("/api/v1/me/export/txt", &bobs)).await;
    assert_eq!(
        (first.status(), second.status()),
        (StatusCode::OK, StatusCode::OK)
    );
    let third = send(&kaiwa, get("/api/v1/rooms/general/export/txt", &bobs)).await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    let error: serde_json::Value = serde_json::from_str(&text(third).await).unwrap();
    assert_eq!(error["error"]["code"], "too_many_exports");
    // Someone else's are their own.
    let alices_own = send(&kaiwa, get("/api/v1/me/export/json", &alices)).await;
    assert_eq!(alices_own.status(), StatusCode::OK);
    // One finished: another may start.
    text(first).await;
    let again = send(&kaiwa, get("/api/v1/rooms/general/export/txt", &bobs)).await;
    assert_eq!(again.status(), StatusCode::OK);
    drop(second);
}
