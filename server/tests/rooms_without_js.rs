//! Rooms, invitations and whispers through plain HTML forms (post/redirect/get).
mod support;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use sqlx::SqlitePool;
use support::{location, plain_form, send, text, Kaiwa};

async fn page(kaiwa: &Kaiwa, path: &str, cookie: &str) -> (StatusCode, String) {
    let request = Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let response = send(kaiwa, request).await;
    (response.status(), text(response).await)
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_private_room_is_created_and_a_bad_invitation_explained_on_its_form(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, alices) = kaiwa.person("alice", "Alice").await;
    let (_, carols) = kaiwa.person("carol", "Carol").await;
    let create = [
        ("name", "勉強会 Study"),
        ("topic", "N2"),
        ("visibility", "private"),
    ];
    let response = send(
        &kaiwa,
        plain_form("/api/create_room", Some(&alices), &create),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/rooms/study");

    let invite = [("room", "study"), ("username", "nobody")];
    let response = send(
        &kaiwa,
        plain_form("/api/invite_member", Some(&alices), &invite),
    )
    .await;
    assert_eq!(
        location(&response),
        "/rooms/study?form=invite&error=person_not_found"
    );
    let (status, html) = page(&kaiwa, location(&response), &alices).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        html.matches("There is no such person.").count(),
        1,
        "shown once, by its form"
    );
    assert!(html.contains("勉強会 Study"));

    let (status, html) = page(&kaiwa, "/rooms/study", &carols).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("勉強会"));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_whisper_form_sends_privately_and_stays_addressed(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, alices) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let (_, carols) = kaiwa.person("carol", "Carol").await;
    let (_, html) = page(&kaiwa, "/rooms/general?to=bob", &alices).await;
    assert!(html.contains("Private message to Bob"));

    let whisper = [
        ("room", "general"),
        ("client_id", "whisper-form-01"),
        ("body", "only for bob"),
        ("to", "bob"),
    ];
    let response = send(
        &kaiwa,
        plain_form("/api/post_message", Some(&alices), &whisper),
    )
    .await;
    assert_eq!(location(&response), "/rooms/general?to=bob");
    let (_, bobs_page) = page(&kaiwa, "/rooms/general", &bobs).await;
    assert!(bobs_page.contains("only for bob") && bobs_page.contains("Private · to"));
    let (_, carols_page) = page(&kaiwa, "/rooms/general", &carols).await;
    assert!(!carols_page.contains("only for bob"));
}
