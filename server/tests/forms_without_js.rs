//! Pages and plain HTML forms, as a browser without JavaScript uses them.
mod support;

use app::server::messages;
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use sqlx::SqlitePool;
use support::{location, plain_form, send, text, Kaiwa};

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_plain_form_post_is_stored_then_redirected_back_to_the_room(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    let fields = [
        ("room", "general"),
        ("client_id", "plain-form-0001"),
        ("body", "こんにちは"),
    ];
    let response = send(
        &kaiwa,
        plain_form("/api/post_message", Some(&cookie), &fields),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/rooms/general");

    // The browser's double submit of the same form is stored once.
    send(
        &kaiwa,
        plain_form("/api/post_message", Some(&cookie), &fields),
    )
    .await;
    let stored: Vec<String> = app::server::db::on!(&kaiwa.state.pool, |p| sqlx::query_scalar(
        "SELECT body FROM messages"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    assert_eq!(stored, vec!["こんにちは".to_owned()]);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_plain_form_post_with_an_empty_message_comes_back_with_the_error(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    let fields = [
        ("room", "general"),
        ("client_id", "plain-form-0002"),
        ("body", "  "),
    ];
    let response = send(
        &kaiwa,
        plain_form("/api/post_message", Some(&cookie), &fields),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/rooms/general?error=empty_body");

    let page = Request::get("/rooms/general?error=empty_body")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let html = text(send(&kaiwa, page).await).await;
    assert!(
        html.contains("role=\"alert\"") && html.contains("Type a message first."),
        "{html}"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_wrong_password_comes_back_to_sign_in_with_the_error(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    kaiwa.person("alice", "Alice").await;
    let fields = [
        ("username", "alice"),
        ("password", "not-her-password"),
        ("next", "/rooms/general"),
    ];
    let response = send(&kaiwa, plain_form("/api/sign_in", None, &fields)).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(
        location(&response),
        "/signin?username=alice&next=%2Frooms%2Fgeneral&error=wrong_credentials"
    );
    assert!(response.headers().get(header::SET_COOKIE).is_none());
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn signing_in_sets_a_new_http_only_session_cookie_and_goes_on(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, old_cookie) = kaiwa.person("alice", "Alice").await;
    let fields = [
        ("username", "alice"),
        ("password", "password-123"),
        ("next", "/rooms/general"),
    ];
    let response = send(
        &kaiwa,
        plain_form("/api/sign_in", Some(&old_cookie), &fields),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/rooms/general");
    let set_cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    assert!(
        !set_cookie.starts_with(&old_cookie),
        "the session id must change on sign-in"
    );

    let old_session = Request::get("/rooms/general")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &old_cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&kaiwa, old_session).await.status(),
        StatusCode::FOUND,
        "the old session ended"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_room_page_needs_an_account_and_comes_back_after_sign_in(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let visit = Request::get("/rooms/general")
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    let response = send(&kaiwa, visit).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/signin?next=/rooms/general");
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_room_page_renders_formatted_messages_with_raw_html_escaped_in_a_log(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, cookie) = kaiwa.person("alice", "山田 花子").await;
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "xss-test-0001",
        "<script>alert(1)</script>\nline two",
        None,
    )
    .await
    .unwrap();
    let snippet = "```rust\nfn main() { println!(\"会話\"); }\n```";
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "code-test-01",
        snippet,
        None,
    )
    .await
    .unwrap();
    let page = Request::get("/rooms/general")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let response = send(&kaiwa, page).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = text(response).await;
    assert!(html.contains("role=\"log\""));
    assert!(
        html.contains(r#"<pre class="code" data-lang="rust">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<span class="hl-storage hl-type hl-function hl-rust">fn</span>"#)
            || html.contains("hl-keyword"),
        "{html}"
    );
    assert!(html.contains("<article"));
    assert!(html.contains("山田 花子"));
    assert!(
        html.contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>line two</p>"),
        "{html}"
    );
    assert!(!html.contains("<script>alert(1)"));
}
