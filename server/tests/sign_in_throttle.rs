//! Sign-in throttling through HTTP: 429 with `Retry-After` for scripts and hydrated pages, the
//! form's error for browsers without JavaScript, and known browsers never locked out.
mod support;

use std::net::SocketAddr;

use app::server::accounts::sign_in_throttle::{ACCOUNT_LIMIT, ADDRESS_LIMIT, WINDOW};
use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{header, Request, Response, StatusCode},
};
use sqlx::SqlitePool;
use support::{location, plain_form, send, set_cookie, Kaiwa, ORIGIN};

/// A sign-in as the hydrated app (or a script) posts it, from `address`, with `cookie` if any.
fn sign_in(username: &str, password: &str, address: &str, cookie: Option<&str>) -> Request<Body> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("username", username), ("password", password)])
        .finish();
    let mut request = Request::post("/api/sign_in")
        .header(header::ORIGIN, ORIGIN)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .extension(ConnectInfo(address.parse::<SocketAddr>().unwrap()));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body)).unwrap()
}

fn retry_after(response: &Response<Body>) -> u64 {
    response
        .headers()
        .get(header::RETRY_AFTER)
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn repeated_failures_on_an_account_get_429_but_its_known_browser_signs_in(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    kaiwa.person("alice", "Alice").await;

    // Alice signs in once from her own browser, which is then known.
    let ok = send(
        &kaiwa,
        sign_in("alice", "password-123", "192.0.2.1:5000", None),
    )
    .await;
    assert!(ok.status().is_success(), "{:?}", ok.status());
    let device = set_cookie(&ok, "kaiwa_device").expect("a device cookie");

    // Someone else guesses from several addresses.
    for i in 0..ACCOUNT_LIMIT {
        let guess = sign_in("alice", "guess", &format!("203.0.113.{i}:5000"), None);
        let response = send(&kaiwa, guess).await;
        assert_ne!(
            response.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "guess {i}"
        );
    }
    let refused = send(
        &kaiwa,
        sign_in("alice", "password-123", "198.51.100.9:5000", None),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait = retry_after(&refused);
    assert!(wait > 0 && wait <= WINDOW.as_secs(), "{wait}");
    let body: serde_json::Value = serde_json::from_str(&support::text(refused).await).unwrap();
    assert_eq!(body["error"]["code"], "too_many_sign_ins", "{body}");

    // Alice's own browser still gets in, even with the right password refused elsewhere.
    let own = send(
        &kaiwa,
        sign_in("alice", "password-123", "192.0.2.1:5000", Some(&device)),
    )
    .await;
    assert!(own.status().is_success(), "{:?}", own.status());
    // And a plain form from a stranger's browser goes back to the form with the error.
    let mut form = plain_form(
        "/api/sign_in",
        None,
        &[("username", "alice"), ("password", "x")],
    );
    form.extensions_mut().insert(ConnectInfo(
        "198.51.100.10:5000".parse::<SocketAddr>().unwrap(),
    ));
    let response = send(&kaiwa, form).await;
    // Alice's success from her browser cleared the account's count: this is a plain failure.
    assert_eq!(
        location(&response),
        "/signin?username=alice&error=wrong_credentials"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn one_address_guessing_many_accounts_is_stopped(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    kaiwa.person("bob", "Bob").await;
    for i in 0..ADDRESS_LIMIT {
        let guess = sign_in(&format!("user{i}"), "guess", "203.0.113.66:4000", None);
        let status = send(&kaiwa, guess).await.status();
        assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "guess {i}");
    }
    let mut form = plain_form(
        "/api/sign_in",
        None,
        &[("username", "bob"), ("password", "password-123")],
    );
    form.extensions_mut().insert(ConnectInfo(
        "203.0.113.66:4001".parse::<SocketAddr>().unwrap(),
    ));
    let response = send(&kaiwa, form).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(
        location(&response),
        "/signin?username=bob&error=too_many_sign_ins"
    );
    assert!(retry_after(&response) > 0);
    // Another address is not affected.
    let elsewhere = send(
        &kaiwa,
        sign_in("bob", "password-123", "192.0.2.8:4000", None),
    )
    .await;
    assert!(elsewhere.status().is_success());
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn guesses_sent_at_once_get_no_more_tries_than_guesses_in_a_row(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    kaiwa.person("alice", "Alice").await;
    // 150 wrong passwords for one account at once, from as many addresses.
    let guesses = (0..150).map(|i| {
        let address = format!("198.51.{}.{}:4000", i / 200, i % 200 + 1);
        send(&kaiwa, sign_in("alice", "guess", &address, None))
    });
    let statuses: Vec<StatusCode> = futures::future::join_all(guesses)
        .await
        .iter()
        .map(|r| r.status())
        .collect();
    let checked = statuses
        .iter()
        .filter(|s| **s != StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(checked as u32, ACCOUNT_LIMIT, "{statuses:?}");
    assert!(statuses
        .iter()
        .all(|s| *s == StatusCode::TOO_MANY_REQUESTS || *s == StatusCode::UNAUTHORIZED));
}
