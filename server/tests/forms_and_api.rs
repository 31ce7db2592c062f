mod support;

use app::server::messages;
use axum::{
    body::{to_bytes, Body},
    http::{header, Request, Response, StatusCode},
};
use sqlx::SqlitePool;
use support::Kaiwa;
use tower::ServiceExt;

const ORIGIN: &str = "http://127.0.0.1:3000";

async fn send(kaiwa: &Kaiwa, request: Request<Body>) -> Response<Body> {
    server::router(kaiwa.state.clone())
        .oneshot(request)
        .await
        .unwrap()
}

/// A form post as a browser without JavaScript makes it.
fn plain_form(path: &str, cookie: Option<&str>, fields: &[(&str, &str)]) -> Request<Body> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let mut request = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body)).unwrap()
}

fn location(response: &Response<Body>) -> &str {
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

async fn text(response: Response<Body>) -> String {
    String::from_utf8(
        to_bytes(response.into_body(), 4 << 20)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn health_check_answers_ok(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let response = send(
        &kaiwa,
        Request::get("/healthz").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[sqlx::test(migrations = "../migrations")]
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
    let stored: Vec<String> = sqlx::query_scalar("SELECT body FROM messages")
        .fetch_all(&kaiwa.state.pool)
        .await
        .unwrap();
    assert_eq!(stored, vec!["こんにちは".to_owned()]);
}

#[sqlx::test(migrations = "../migrations")]
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

#[sqlx::test(migrations = "../migrations")]
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

#[sqlx::test(migrations = "../migrations")]
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

#[sqlx::test(migrations = "../migrations")]
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

#[sqlx::test(migrations = "../migrations")]
async fn the_room_page_renders_messages_as_escaped_text_in_a_log(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, cookie) = kaiwa.person("alice", "山田 花子").await;
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "xss-test-0001",
        "<script>alert(1)</script>\nline two",
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
    assert!(html.contains("<article"));
    assert!(html.contains("山田 花子"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;\nline two"),
        "{html}"
    );
    assert!(!html.contains("<script>alert(1)"));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_cross_site_form_post_is_refused(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    let mut request = plain_form(
        "/api/post_message",
        Some(&cookie),
        &[
            ("room", "general"),
            ("client_id", "cross-site-01"),
            ("body", "hi"),
        ],
    );
    request
        .headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    assert_eq!(send(&kaiwa, request).await.status(), StatusCode::FORBIDDEN);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM messages")
        .fetch_one(&kaiwa.state.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[sqlx::test(migrations = "../migrations")]
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

#[sqlx::test(migrations = "../migrations")]
async fn pages_carry_a_nonce_based_content_security_policy_and_safety_headers(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    let page = Request::get("/rooms/general")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let response = send(&kaiwa, page).await;
    let headers = response.headers().clone();
    let policy = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");

    // Every inline script carries the nonce the policy names.
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    let html = text(response).await;
    let scripts: Vec<&str> = html
        .split("<script")
        .skip(1)
        .map(|s| s.split('>').next().unwrap())
        .collect();
    assert!(!scripts.is_empty());
    for script in scripts {
        assert!(
            script.contains(&format!("nonce=\"{nonce}\"")),
            "script without the nonce: <script{script}>"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
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

#[sqlx::test(migrations = "../migrations")]
async fn posting_from_a_script_too_fast_gets_429_with_a_json_error(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
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

/// Stored-XSS corpus: each payload must come back as text, never as markup.
const XSS_CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle/></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "\"><script>alert(1)</script>",
    "</p></article><script>alert(1)</script>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
];

#[sqlx::test(migrations = "../migrations")]
async fn a_stored_xss_corpus_renders_as_inert_text(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, cookie) = kaiwa.person("alice", "Alice").await;
    for (i, payload) in XSS_CORPUS.iter().enumerate() {
        messages::post(
            &kaiwa.state,
            &alice,
            "general",
            &format!("xss-corpus-{i:03}"),
            payload,
        )
        .await
        .unwrap();
    }
    let page = Request::get("/rooms/general")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let html = text(send(&kaiwa, page).await).await;
    let log = html
        .split("role=\"log\"")
        .nth(1)
        .unwrap()
        .split("</form>")
        .next()
        .unwrap();
    for payload in XSS_CORPUS {
        let escaped = payload
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(log.contains(&escaped), "{payload} is not shown as text");
        assert!(
            !log.contains(payload),
            "{payload} reached the page as markup"
        );
    }
    for tag in [
        "<script", "<img", "<svg", "<math", "<iframe", "<a ", "<details", "<body",
    ] {
        assert!(!log.contains(tag), "{tag} appeared in the message log");
    }
}
