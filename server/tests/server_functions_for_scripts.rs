//! Server functions called by a script (no `Accept: text/html`, as curl sends): refusals answer
//! with their own status and `{"error": {"code", "message"}}`, as docs/api.md says.
mod support;

use app::server::rooms;
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use sqlx::SqlitePool;
use support::{send, text, Kaiwa};

/// `curl -d …` with the session cookie, if any.
fn curl_form(path: &str, cookie: Option<&str>, fields: &[(&str, &str)]) -> Request<Body> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let mut request = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "*/*")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body)).unwrap()
}

/// The status and error code a script gets back.
async fn refusal(kaiwa: &Kaiwa, request: Request<Body>) -> (StatusCode, String) {
    let response = send(kaiwa, request).await;
    let status = response.status();
    let body: serde_json::Value = serde_json::from_str(&text(response).await).unwrap();
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "a message a person can act on: {body}");
    (status, body["error"]["code"].as_str().unwrap().to_owned())
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn each_kind_of_refusal_answers_its_status_and_code(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let study = rooms::create(&kaiwa.state, &alice, "Study", "", "public")
        .await
        .unwrap();
    let post = |cookie, client_id, body| {
        curl_form(
            "/api/post_message",
            cookie,
            &[
                ("room", "general"),
                ("client_id", client_id),
                ("body", body),
            ],
        )
    };
    let cases = [
        (post(None, "script-0001", "hi"), 401, "sign_in_required"),
        (
            curl_form("/api/delete_room", Some(&bobs), &[("room", &study)]),
            403,
            "not_allowed",
        ),
        (
            curl_form("/api/join_room", Some(&bobs), &[("room", "no-such-room")]),
            404,
            "room_not_found",
        ),
        (
            curl_form(
                "/api/create_room",
                Some(&bobs),
                &[("name", ""), ("topic", ""), ("visibility", "public")],
            ),
            422,
            "invalid_room_name",
        ),
        (
            curl_form("/api/post_message", Some(&bobs), &[("room", "general")]),
            400,
            "bad_request",
        ),
    ];
    for (request, status, code) in cases {
        assert_eq!(
            refusal(&kaiwa, request).await,
            (StatusCode::from_u16(status).unwrap(), code.to_owned())
        );
    }
    // A conflict: the same message id for another text.
    let stored = send(&kaiwa, post(Some(&bobs), "script-0002", "over here")).await;
    assert_eq!(stored.status(), StatusCode::OK);
    assert_eq!(
        refusal(&kaiwa, post(Some(&bobs), "script-0002", "and here")).await,
        (StatusCode::CONFLICT, "client_id_reused".to_owned())
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_script_gets_the_result_as_json_and_a_browser_form_a_redirect(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let fields = [
        ("room", "general"),
        ("client_id", "script-0003"),
        ("body", "こんにちは"),
    ];
    let response = send(&kaiwa, curl_form("/api/post_message", Some(&bobs), &fields)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let message: serde_json::Value = serde_json::from_str(&text(response).await).unwrap();
    assert_eq!(message["body"], "こんにちは");

    let refused = support::plain_form("/api/join_room", Some(&bobs), &[("room", "no-such-room")]);
    let response = send(&kaiwa, refused).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(support::location(&response).contains("error=room_not_found"));
}
