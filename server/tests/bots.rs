//! Bots: an admin creates one with a token and a webhook; mentions, whispers and direct
//! messages reach a small webhook server started here, and its replies come back as the bot.
mod support;

use std::{sync::Arc, time::Duration};

use app::{
    model::Message,
    server::{db, messages, messages::bots, rooms},
    AppError,
};
use axum::{extract::State, routing::post, Json, Router};
use serde_json::{json, Value};
use sqlx::SqlitePool;
use support::{get, location, plain_form, send, set_cookie, text, Kaiwa};
use tokio::sync::Mutex;

type Received = Arc<Mutex<Vec<Value>>>;

/// A webhook on a loopback port that records what it receives and answers "pong: <text>".
async fn webhook() -> (String, Received) {
    let received: Received = Arc::default();
    let app = Router::new()
        .route(
            "/hook",
            post(
                |State(seen): State<Received>, Json(delivery): Json<Value>| async move {
                    let body = delivery["message"]["body"]
                        .as_str()
                        .unwrap_or("")
                        .to_owned();
                    seen.lock().await.push(delivery);
                    Json(json!({ "text": format!("pong: {body}") }))
                },
            ),
        )
        .with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, received)
}

/// The bot's reply to `text` in `room` as `reader` sees it, within 5 s.
async fn reply(kaiwa: &Kaiwa, reader: i64, room: &str, text: &str) -> Message {
    let room = db::rooms::by_slug(&kaiwa.state.pool, room)
        .await
        .unwrap()
        .unwrap();
    let wanted = format!("pong: {text}");
    for _ in 0..100 {
        let latest = db::messages::latest(&kaiwa.state.pool, reader, room.id, 50)
            .await
            .unwrap();
        if let Some(found) = latest.into_iter().find(|m| m.body == wanted) {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no reply {wanted:?} in {}", room.slug);
}

/// Posts as a page or the API does: store the message, then tell its bots.
async fn say(
    state: &app::server::AppState,
    author: &app::model::Me,
    room: &str,
    client_id: &str,
    body: &str,
    to: Option<&str>,
) -> Result<(), AppError> {
    let posted = messages::post(state, author, room, client_id, body, to).await?;
    bots::hear(state, author, &posted).await;
    Ok(())
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_bot_hears_mentions_whispers_and_direct_messages_and_replies(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (url, received) = webhook().await;

    // A loopback webhook needs the admin's explicit permission.
    let refused = bots::create(&kaiwa.state, &alice, "helper", "Helper", Some(&url), false).await;
    assert_eq!(refused.unwrap_err(), AppError::PrivateWebhook);
    let (bot, _token) = bots::create(&kaiwa.state, &alice, "helper", "Helper", Some(&url), true)
        .await
        .unwrap();

    let state = &kaiwa.state;
    say(
        state,
        &alice,
        "general",
        "bot-test-001",
        "@helper ping",
        None,
    )
    .await
    .unwrap();
    let answer = reply(&kaiwa, alice.id, "general", "@helper ping").await;
    assert_eq!(answer.author_username, "helper");
    assert_eq!(answer.recipient_username, None);
    {
        let seen = received.lock().await;
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0]["bot"], "helper");
        assert_eq!(seen[0]["room"], "general");
        assert_eq!(seen[0]["message"]["author_username"], "alice");
    }

    // A whisper to the bot gets a whisper back.
    say(
        state,
        &alice,
        "general",
        "bot-test-002",
        "内緒",
        Some("helper"),
    )
    .await
    .unwrap();
    let answer = reply(&kaiwa, alice.id, "general", "内緒").await;
    assert_eq!(answer.recipient_username.as_deref(), Some("alice"));

    // Its direct conversation needs no mention.
    let direct = rooms::direct_with(state, &alice, &bot.username)
        .await
        .unwrap();
    say(state, &alice, &direct, "bot-test-003", "こんにちは", None)
        .await
        .unwrap();
    reply(&kaiwa, alice.id, &direct, "こんにちは").await;

    // Nothing else reaches it, and its own replies never do (no bot loops).
    say(
        state,
        &alice,
        "general",
        "bot-test-004",
        "no one in particular",
        None,
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(received.lock().await.len(), 3);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_admin_page_creates_a_bot_and_shows_its_token_once(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, admin) = kaiwa.person("alice", "Alice").await;
    let (_, member) = kaiwa.person("bob", "Bob").await;
    let fields = [
        ("username", "deploy"),
        ("display_name", "Deploy bot"),
        ("webhook_url", ""),
    ];

    let refused = send(
        &kaiwa,
        plain_form("/api/create_bot", Some(&member), &fields),
    )
    .await;
    assert_eq!(location(&refused), "/admin?form=bots&error=admin_only");
    let bad = [
        ("username", "deploy"),
        ("display_name", "D"),
        ("webhook_url", "ftp://x"),
    ];
    let bad = send(&kaiwa, plain_form("/api/create_bot", Some(&admin), &bad)).await;
    assert_eq!(location(&bad), "/admin?form=bots&error=invalid_webhook_url");

    let created = send(&kaiwa, plain_form("/api/create_bot", Some(&admin), &fields)).await;
    assert_eq!(location(&created), "/admin");
    let flash = set_cookie(&created, "kaiwa_new_token").expect("the token, for one page");
    let token = flash.split_once('=').unwrap().1.to_owned();
    let page = text(send(&kaiwa, get("/admin", &format!("{admin}; {flash}"))).await).await;
    assert!(
        page.contains(&token) && page.contains("Token for deploy"),
        "{page}"
    );
    let later = text(send(&kaiwa, get("/admin", &admin)).await).await;
    assert!(!later.contains(&token));
    assert!(later.contains("Deploy bot"));

    // The bot cannot sign in with a password, only use its token.
    let signed_in = app::server::accounts::sign_in(&kaiwa.state.pool, "deploy", "").await;
    assert_eq!(signed_in, Err(AppError::WrongCredentials));
    let me = axum::http::Request::get("/api/v1/me")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let body = text(send(&kaiwa, me).await).await;
    assert!(body.contains("\"username\":\"deploy\""), "{body}");
}
