//! The JSON API v1 with personal access tokens: creating one in settings (shown once), using it
//! as `Authorization: Bearer`, the endpoints' contract, and revocation taking effect at once.
mod support;

use app::server::accounts::api_tokens;
use axum::{
    body::Body,
    http::{header, Request, Response, StatusCode},
};
use serde_json::Value;
use sqlx::SqlitePool;
use support::{get, location, next_event, plain_form, send, set_cookie, text, Kaiwa};

fn bearer(method: &str, path: &str, token: &str, body: Option<&str>) -> Request<Body> {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned())),
        None => request.body(Body::empty()),
    }
    .unwrap()
}

async fn json(response: Response<Body>) -> (StatusCode, Value) {
    let status = response.status();
    let body = text(response).await;
    let value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("not JSON: {body}"));
    (status, value)
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_token_is_shown_once_works_as_bearer_and_dies_when_revoked(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, cookie) = kaiwa.person("alice", "Alice").await;

    // Created with a plain form: the secret travels to the settings page once.
    let create = plain_form(
        "/api/create_token",
        Some(&cookie),
        &[("name", "家のスクリプト")],
    );
    let created = send(&kaiwa, create).await;
    assert_eq!(location(&created), "/settings?saved=tokens");
    let flash = set_cookie(&created, "kaiwa_new_token").expect("the secret, for one page");
    let token = flash.split_once('=').unwrap().1.to_owned();
    assert!(token.starts_with("kaiwa_") && token.len() == 70, "{token}");
    let with_flash = format!("{cookie}; {flash}");
    let shown = send(&kaiwa, get("/settings?saved=tokens", &with_flash)).await;
    let cleared = set_cookie(&shown, "kaiwa_new_token").expect("cleared after showing");
    assert_eq!(cleared, "kaiwa_new_token=");
    let page = text(shown).await;
    assert!(
        page.contains(&token) && page.contains("家のスクリプト"),
        "{page}"
    );
    let later = text(send(&kaiwa, get("/settings", &cookie)).await).await;
    assert!(!later.contains(&token), "shown only once");
    // Only the hash is stored.
    let stored: Vec<u8> = app::server::db::on!(&kaiwa.state.pool, |p| sqlx::query_scalar(
        "SELECT token_hash FROM api_tokens"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(stored.len(), 32);

    let (status, me) = json(send(&kaiwa, bearer("GET", "/api/v1/me", &token, None)).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["username"], "alice");

    let id = api_tokens::list(&kaiwa.state, &alice).await.unwrap()[0]
        .id
        .clone();
    api_tokens::revoke(&kaiwa.state, &alice, &id).await.unwrap();
    let (status, error) = json(send(&kaiwa, bearer("GET", "/api/v1/me", &token, None)).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error["error"]["code"], "sign_in_required");
    assert!(error["error"]["message"].as_str().unwrap().len() > 5);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_bad_bearer_token_is_refused_even_with_a_good_cookie(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    let mut request = bearer(
        "GET",
        "/api/v1/me",
        &format!("kaiwa_{}", "0".repeat(64)),
        None,
    );
    request
        .headers_mut()
        .insert(header::COOKIE, cookie.parse().unwrap());
    assert_eq!(
        send(&kaiwa, request).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let garbage = bearer("GET", "/api/v1/me", "not-a-token", None);
    assert_eq!(
        send(&kaiwa, garbage).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_api_pages_edits_deletes_and_reacts_with_stable_errors(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (bob, _) = kaiwa.person("bob", "Bob").await;
    let a = api_tokens::create(&kaiwa.state, &alice, "a").await.unwrap();
    let b = api_tokens::create(&kaiwa.state, &bob, "b").await.unwrap();
    let messages = "/api/v1/rooms/general/messages";
    for i in 1..=5 {
        let body = format!(r#"{{"client_id":"client-id-{i:03}","body":"メッセージ{i}"}}"#);
        let response = send(&kaiwa, bearer("POST", messages, &a, Some(&body))).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let (_, listed) = json(send(&kaiwa, bearer("GET", messages, &b, None)).await).await;
    let seqs: Vec<i64> = listed["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs.len(), 5);
    let (first, last) = (seqs[0], seqs[4]);

    let page = |query: &str| bearer("GET", &format!("{messages}?{query}"), &b, None);
    let (_, before) = json(send(&kaiwa, page(&format!("before={last}&limit=2"))).await).await;
    let bodies: Vec<&str> = before["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["メッセージ3", "メッセージ4"]);
    let (_, after) = json(send(&kaiwa, page(&format!("after={first}&limit=1"))).await).await;
    assert_eq!(after["messages"][0]["body"], "メッセージ2");
    let (status, error) = json(send(&kaiwa, page("after=1&before=3")).await).await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_request"))
    );
    let (status, _) = json(send(&kaiwa, page("after=soon")).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Edit: mine only.
    let one = format!("{messages}/{first}");
    let (status, edited) = json(
        send(
            &kaiwa,
            bearer("PATCH", &one, &a, Some(r#"{"body":"直した"}"#)),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (edited["body"].as_str(), edited["edited"].as_bool()),
        (Some("直した"), Some(true))
    );
    let (status, error) =
        json(send(&kaiwa, bearer("PATCH", &one, &b, Some(r#"{"body":"x"}"#))).await).await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not_yours"))
    );
    let (status, error) = json(send(&kaiwa, bearer("PATCH", &one, &a, Some("{"))).await).await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_request"))
    );

    // Reactions: PUT twice keeps one, DELETE takes it back, an unknown emoji is refused.
    let thumbs = format!("{one}/reactions/%F0%9F%91%8D");
    for _ in 0..2 {
        let (status, message) = json(send(&kaiwa, bearer("PUT", &thumbs, &b, None)).await).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            message["reactions"][0]["usernames"],
            serde_json::json!(["bob"])
        );
    }
    let (_, message) = json(send(&kaiwa, bearer("DELETE", &thumbs, &b, None)).await).await;
    assert_eq!(message["reactions"], serde_json::json!([]));
    let (status, error) = json(
        send(
            &kaiwa,
            bearer("PUT", &format!("{one}/reactions/x"), &b, None),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_reaction"))
    );

    // Delete: not others', then gone.
    assert_eq!(
        send(&kaiwa, bearer("DELETE", &one, &b, None))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&kaiwa, bearer("DELETE", &one, &a, None))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let (status, error) = json(send(&kaiwa, bearer("DELETE", &one, &a, None)).await).await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("message_not_found"))
    );

    // My rooms, and JSON for what does not exist.
    let (_, rooms) = json(send(&kaiwa, bearer("GET", "/api/v1/rooms", &a, None)).await).await;
    assert_eq!(rooms["rooms"][0]["slug"], "general");
    let (status, error) =
        json(send(&kaiwa, bearer("GET", "/api/v1/nothing/here", &a, None)).await).await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, error) = json(
        send(
            &kaiwa,
            bearer("GET", "/api/v1/rooms/no-such-room/messages", &a, None),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("room_not_found"))
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_bearer_socket_follows_the_room_and_closes_when_its_token_is_revoked(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let token = api_tokens::create(&kaiwa.state, &alice, "bot")
        .await
        .unwrap();
    let mut socket = support::live_with_bearer(&kaiwa, "general", &token, 0)
        .await
        .expect("a bearer token opens the socket without cookie or Origin");
    next_event(&mut socket).await; // caught up
    let body = r#"{"client_id":"client-id-001","body":"hello"}"#;
    send(
        &kaiwa,
        bearer("POST", "/api/v1/rooms/general/messages", &token, Some(body)),
    )
    .await;
    match next_event(&mut socket).await {
        app::model::LiveEvent::MessagePosted { message, .. } => assert_eq!(message.body, "hello"),
        other => panic!("expected the post, got {other:?}"),
    }
    let id = api_tokens::list(&kaiwa.state, &alice).await.unwrap()[0]
        .id
        .clone();
    api_tokens::revoke(&kaiwa.state, &alice, &id).await.unwrap();
    assert_eq!(support::close_code(&mut socket).await, Some(4401));
    assert!(support::live_with_bearer(&kaiwa, "general", &token, 0)
        .await
        .is_err());
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_openapi_document_describes_every_api_route(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let request = Request::get("/api/v1/openapi.json")
        .body(Body::empty())
        .unwrap();
    let (status, doc) = json(send(&kaiwa, request).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for (path, method) in [
        ("/api/v1/me", "get"),
        ("/api/v1/rooms", "get"),
        ("/api/v1/rooms/{room}/messages", "get"),
        ("/api/v1/rooms/{room}/messages", "post"),
        ("/api/v1/rooms/{room}/messages/{seq}", "patch"),
        ("/api/v1/rooms/{room}/messages/{seq}", "delete"),
        (
            "/api/v1/rooms/{room}/messages/{seq}/reactions/{emoji}",
            "put",
        ),
        (
            "/api/v1/rooms/{room}/messages/{seq}/reactions/{emoji}",
            "delete",
        ),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} is documented"
        );
    }
    // Every schema a document refers to is defined in it.
    let body = doc.to_string();
    for reference in body.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "schema {name} is defined"
        );
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn other_sites_get_no_cors_permission(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let token = api_tokens::create(&kaiwa.state, &alice, "a").await.unwrap();
    let mut request = bearer("GET", "/api/v1/rooms", &token, None);
    request
        .headers_mut()
        .insert(header::ORIGIN, "https://elsewhere.example".parse().unwrap());
    let response = send(&kaiwa, request).await;
    assert!(response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
    let preflight = Request::builder()
        .method("OPTIONS")
        .uri("/api/v1/rooms")
        .header(header::ORIGIN, "https://elsewhere.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .body(Body::empty())
        .unwrap();
    let response = send(&kaiwa, preflight).await;
    assert!(!response.status().is_success());
    assert!(response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
}
