//! Account settings through HTTP, as a browser without JavaScript uses them, and what they do
//! to open sockets.
mod support;

use app::server::{accounts::account_settings, accounts::sessions};
use axum::http::{header, HeaderMap, StatusCode};
use sqlx::SqlitePool;
use support::{get, location, next_event, plain_form, send, text, Kaiwa};

/// Another session for `me` (a second browser): its `Cookie` header value.
async fn second_browser(kaiwa: &Kaiwa, me: &app::model::Me) -> String {
    let set_cookie = sessions::start(&kaiwa.state.pool, me.id, &HeaderMap::new(), false)
        .await
        .unwrap();
    set_cookie.split(';').next().unwrap().to_owned()
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_settings_page_lists_sessions_and_works_as_plain_forms(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("hanako", "山田 花子").await;
    let page = text(send(&kaiwa, get("/settings", &cookie)).await).await;
    assert!(page.contains("Where you are signed in"), "{page}");
    assert!(page.contains("this device"));
    assert!(page.contains(r#"name="current_password""#));

    let rename = plain_form("/api/rename_me", Some(&cookie), &[("display_name", "花子")]);
    let response = send(&kaiwa, rename).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/settings?saved=name");
    let page = text(send(&kaiwa, get("/settings?saved=name", &cookie)).await).await;
    assert!(page.contains(r#"value="花子""#), "{page}");
    assert!(page.contains("Your name is saved."), "{page}");

    let blank = plain_form("/api/rename_me", Some(&cookie), &[("display_name", " ")]);
    let response = send(&kaiwa, blank).await;
    assert_eq!(
        location(&response),
        "/settings?form=name&error=invalid_display_name"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn changing_the_password_signs_the_other_browser_out(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, here) = kaiwa.person("alice", "Alice").await;
    let there = second_browser(&kaiwa, &alice).await;

    let wrong = plain_form(
        "/api/change_password",
        Some(&here),
        &[
            ("current_password", "not-my-password"),
            ("new_password", "brand-new-pw"),
        ],
    );
    let response = send(&kaiwa, wrong).await;
    assert_eq!(
        location(&response),
        "/settings?form=password&error=wrong_password"
    );
    assert_eq!(
        send(&kaiwa, get("/rooms/general", &there)).await.status(),
        StatusCode::OK
    );

    let change = plain_form(
        "/api/change_password",
        Some(&here),
        &[
            ("current_password", "password-123"),
            ("new_password", "brand-new-pw"),
        ],
    );
    assert_eq!(
        location(&send(&kaiwa, change).await),
        "/settings?saved=password"
    );
    assert_eq!(
        send(&kaiwa, get("/rooms/general", &here)).await.status(),
        StatusCode::OK
    );
    let signed_out = send(&kaiwa, get("/rooms/general", &there)).await;
    assert_eq!(signed_out.status(), StatusCode::FOUND);
    assert!(location(&signed_out).starts_with("/signin"));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_revoked_sessions_socket_closes_and_the_others_stay(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, here) = kaiwa.person("alice", "Alice").await;
    let there = second_browser(&kaiwa, &alice).await;
    let mut kept = support::live(&kaiwa, "general", Some(&here), &kaiwa.origin(), 0)
        .await
        .unwrap();
    let mut revoked = support::live(&kaiwa, "general", Some(&there), &kaiwa.origin(), 0)
        .await
        .unwrap();
    next_event(&mut kept).await;
    next_event(&mut revoked).await;

    let mut theirs = HeaderMap::new();
    theirs.insert(header::COOKIE, there.parse().unwrap());
    let sessions = account_settings::settings(&kaiwa.state, &theirs)
        .await
        .unwrap()
        .sessions;
    let id = &sessions.iter().find(|s| s.current).unwrap().id;
    account_settings::revoke_session(&kaiwa.state, &alice, id)
        .await
        .unwrap();

    assert_eq!(support::close_code(&mut revoked).await, Some(4401));
    assert!(!support::closes_soon(&mut kept).await);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn deleting_the_account_signs_out_and_closes_its_sockets(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    kaiwa.person("alice", "Alice").await; // the admin
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let mut socket = support::live(&kaiwa, "general", Some(&bobs), &kaiwa.origin(), 0)
        .await
        .unwrap();
    next_event(&mut socket).await;

    let delete = plain_form(
        "/api/delete_account",
        Some(&bobs),
        &[("password", "password-123")],
    );
    let response = send(&kaiwa, delete).await;
    assert_eq!(location(&response), "/signin");
    let cleared = response
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(support::close_code(&mut socket).await, Some(4401));
    assert_eq!(
        send(&kaiwa, get("/rooms/general", &bobs)).await.status(),
        StatusCode::FOUND
    );
}
