//! Security gates: cross-site requests, response headers, stored XSS.
mod support;

use app::server::messages;
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use sqlx::SqlitePool;
use support::{plain_form, send, text, Kaiwa};

#[sqlx::test(migrations = "../migrations/sqlite")]
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
    let stored: i64 = app::server::db::on!(&kaiwa.state.pool, |p| sqlx::query_scalar(
        "SELECT count(*) FROM messages"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(stored, 0);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
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

#[sqlx::test(migrations = "../migrations/sqlite")]
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
            None,
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
    // The message texts as rendered (each `<div class="body">…</div>`).
    let bodies: Vec<&str> = html
        .split("<div class=\"body\">")
        .skip(1)
        .map(|rest| rest.split("</div>").next().unwrap())
        .collect();
    assert_eq!(bodies.len(), XSS_CORPUS.len());
    let log = bodies.join("\n");
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

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn every_server_function_refuses_a_cross_site_post(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("alice", "Alice").await;
    for endpoint in [
        "/api/sign_up",
        "/api/sign_in",
        "/api/sign_out",
        "/api/post_message",
        "/api/load_room",
    ] {
        for (header_name, value) in [
            ("origin", "http://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ] {
            let mut request = plain_form(endpoint, Some(&cookie), &[("username", "mallory")]);
            request.headers_mut().remove(header::ORIGIN);
            request
                .headers_mut()
                .insert(header_name, value.parse().unwrap());
            let status = send(&kaiwa, request).await.status();
            assert_eq!(
                status,
                StatusCode::FORBIDDEN,
                "{endpoint} with {header_name}: {value}"
            );
        }
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_client_that_sends_half_its_headers_is_cut_off(pool: SqlitePool) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let kaiwa = support::Kaiwa::start(pool).await;
    let mut slow = tokio::net::TcpStream::connect(kaiwa.addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .await
        .unwrap();
    // The server ends the connection soon after its header-read limit.
    let mut rest = Vec::new();
    let ended = tokio::time::timeout(support::HEADER_READ * 4, slow.read_to_end(&mut rest)).await;
    assert!(ended.is_ok(), "still open long after the header-read limit");
    // Meanwhile everyone else is served.
    let mut quick = tokio::net::TcpStream::connect(kaiwa.addr).await.unwrap();
    quick
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    quick.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_request_for_a_name_that_is_not_ours_is_refused(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    // DNS rebinding: an attacker's name pointed at a fresh install, to make its admin account.
    let rebound = Request::post("/api/sign_up")
        .header(header::HOST, "attacker.example:3000")
        .header(header::ORIGIN, "http://attacker.example:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "username=mallory&display_name=M&password=password-123",
        ))
        .unwrap();
    let response = send(&kaiwa, rebound).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(text(response).await.contains("--public-origin"));
    let by_address = Request::get("/signin")
        .header(header::HOST, "192.168.1.20:3000")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&kaiwa, by_address).await.status(), StatusCode::OK);
    // A load balancer's probe may name anything.
    let probe = Request::get("/healthz")
        .header(header::HOST, "kaiwa-service")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&kaiwa, probe).await.status(), StatusCode::OK);
}
