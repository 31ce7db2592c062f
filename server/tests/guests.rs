//! Guests: off by default; when on, a visitor enters general with a nickname (or a generated
//! one), is marked as a guest, and can do nothing beyond general.
mod support;

use app::server::{accounts::api_tokens, messages, rooms, rooms::memberships, Settings};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use sqlx::SqlitePool;
use support::{get, location, plain_form, send, set_cookie, text, Kaiwa};

/// A guest's form post, as a browser without JavaScript sends it: the session cookie it gets.
async fn enter(kaiwa: &Kaiwa, nickname: &str) -> Result<String, String> {
    let response = send(
        kaiwa,
        plain_form("/api/enter_as_guest", None, &[("nickname", nickname)]),
    )
    .await;
    let to = location(&response).to_owned();
    if to != "/rooms/general" {
        return Err(to);
    }
    let cookie = set_cookie(&response, "kaiwa_session").unwrap();
    Ok(cookie)
}

fn anonymous(path: &str) -> Request<Body> {
    Request::get(path)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap()
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn guests_are_off_unless_the_operator_turns_them_on(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    assert_eq!(
        enter(&kaiwa, "たぬき").await,
        Err("/signin?form=guest&error=guests_off".to_owned())
    );
    let page = text(send(&kaiwa, anonymous("/signin")).await).await;
    assert!(!page.contains("Enter as a guest"));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_guest_talks_in_general_marked_as_a_guest_and_nowhere_else(pool: SqlitePool) {
    let settings = Settings {
        guests: true,
        ..Settings::default()
    };
    let kaiwa = Kaiwa::start_with(pool, settings).await;
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    let room = rooms::create(&kaiwa.state, &alice, "Study", "", "public")
        .await
        .unwrap();
    let page = text(send(&kaiwa, anonymous("/signin")).await).await;
    assert!(page.contains("Enter as a guest"), "{page}");

    let guest = enter(&kaiwa, "たぬき").await.unwrap();
    let general = send(&kaiwa, get("/rooms/general", &guest)).await;
    assert_eq!(general.status(), StatusCode::OK);
    let post = plain_form(
        "/api/post_message",
        Some(&guest),
        &[
            ("room", "general"),
            ("client_id", "guest-post-01"),
            ("body", "はじめまして"),
        ],
    );
    assert_eq!(location(&send(&kaiwa, post).await), "/rooms/general");
    let seen = text(send(&kaiwa, get("/rooms/general", &alices)).await).await;
    assert!(
        seen.contains("はじめまして") && seen.contains("たぬき"),
        "{seen}"
    );
    assert!(
        seen.contains(r#"class="tag guest""#),
        "marked as a guest: {seen}"
    );

    // Nothing beyond general.
    let me = app::server::accounts::callers::require(&kaiwa.state.pool, &{
        let mut h = axum::http::HeaderMap::new();
        h.insert(header::COOKIE, guest.parse().unwrap());
        h
    })
    .await
    .unwrap();
    assert!(me.is_guest() && !me.is_admin);
    use app::AppError::GuestNotAllowed;
    let state = &kaiwa.state;
    assert_eq!(
        rooms::create(state, &me, "Mine", "", "public").await,
        Err(GuestNotAllowed)
    );
    assert_eq!(
        memberships::join(state, &me, &room).await,
        Err(GuestNotAllowed)
    );
    assert_eq!(
        rooms::readable(state, &me, &room).await.err(),
        Some(GuestNotAllowed)
    );
    assert_eq!(
        rooms::direct_with(state, &me, "alice").await,
        Err(GuestNotAllowed)
    );
    assert_eq!(
        rooms::direct_with(state, &alice, &me.username).await,
        Err(GuestNotAllowed)
    );
    assert_eq!(
        api_tokens::create(state, &me, "x").await,
        Err(GuestNotAllowed)
    );
    let invite = memberships::invite(state, &alice, &room, &me.username).await;
    assert_eq!(invite, Err(GuestNotAllowed));
    let in_room = messages::post(state, &me, &room, "guest-post-02", "hi", None).await;
    assert_eq!(in_room.err(), Some(GuestNotAllowed));
    // Search reads by the same rule: general's messages, not the public room's.
    messages::post(state, &alice, &room, "study-post-01", "勉強会の予定", None)
        .await
        .unwrap();
    messages::post(
        state,
        &alice,
        "general",
        "general-post-1",
        "全体の予定",
        None,
    )
    .await
    .unwrap();
    let found = app::server::messages::search::search(state, &me, "予定")
        .await
        .unwrap();
    let bodies: Vec<&str> = found.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, vec!["全体の予定"]);
    let page = text(send(&kaiwa, get("/search?q=%E4%BA%88%E5%AE%9A", &guest)).await).await;
    assert!(
        page.contains("全体の<mark>予定</mark>") && !page.contains("勉強会の"),
        "{page}"
    );

    // Without a nickname, a made-up name that says nothing about the visitor.
    let nameless = enter(&kaiwa, "").await.unwrap();
    let page = text(send(&kaiwa, get("/settings", &nameless)).await).await;
    assert!(page.contains("Guest "), "{page}");
    assert!(!page.contains("127.0.0.1"));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_first_real_account_is_the_admin_even_after_guests(pool: SqlitePool) {
    let settings = Settings {
        guests: true,
        ..Settings::default()
    };
    let kaiwa = Kaiwa::start_with(pool, settings).await;
    enter(&kaiwa, "first visitor").await.unwrap();
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    assert!(alice.is_admin);
}
