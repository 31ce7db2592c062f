//! Pages speak the reader's language (their setting, this browser's, or Accept-Language), in
//! their theme, and notification preferences are kept, all as plain forms without JavaScript.
mod support;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use sqlx::SqlitePool;
use support::{location, plain_form, send, text, Kaiwa};

/// A page as a browser that prefers `accept` asks for it, with `cookie` if any.
fn page(path: &str, accept: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path)
        .header(header::ACCEPT, "text/html")
        .header(header::ACCEPT_LANGUAGE, accept);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).unwrap()
}

/// Posts the language form as a browser without JavaScript does, coming from `/settings`.
async fn choose_language(
    kaiwa: &Kaiwa,
    session: &str,
    language: &str,
) -> axum::http::Response<Body> {
    let fields = [("language", language), ("next", "/settings")];
    send(
        kaiwa,
        plain_form("/api/set_language", Some(session), &fields),
    )
    .await
}

/// The `name=value` of a `Set-Cookie` the response carries for `name`.
fn cookie_named(response: &axum::http::Response<Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_japanese_browser_gets_the_sign_in_page_in_japanese(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let japanese = text(send(&kaiwa, page("/signin", "ja-JP,ja;q=0.9,en;q=0.5", None)).await).await;
    assert!(japanese.contains(r#"<html lang="ja""#), "{japanese}");
    assert!(japanese.contains("kaiwa にログイン"));
    assert!(japanese.contains("ユーザー名"));
    assert!(!japanese.contains("Sign in to kaiwa"));

    let english = text(send(&kaiwa, page("/signin", "en-GB,en;q=0.9", None)).await).await;
    assert!(english.contains(r#"<html lang="en""#));
    assert!(english.contains("Sign in to kaiwa"));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_failed_sign_in_says_why_in_the_readers_language(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    kaiwa.person("hanako", "花子").await;
    let mut form = plain_form(
        "/api/sign_in",
        None,
        &[("username", "hanako"), ("password", "wrong-password")],
    );
    form.headers_mut()
        .insert(header::ACCEPT_LANGUAGE, "ja".parse().unwrap());
    let response = send(&kaiwa, form).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = location(&response).to_owned();
    assert!(back.contains("error=wrong_credentials"), "{back}");
    let shown = text(send(&kaiwa, page(&back, "ja", None)).await).await;
    assert!(
        shown.contains("ユーザー名またはパスワードが違います。"),
        "{shown}"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_readers_chosen_language_beats_their_browsers_everywhere(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, session) = kaiwa.person("taro", "太郎").await;
    let response = choose_language(&kaiwa, &session, "ja").await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/settings");
    assert_eq!(
        cookie_named(&response, "kaiwa_lang").as_deref(),
        Some("kaiwa_lang=ja")
    );

    // Another browser of taro's, in English and without that cookie, speaks Japanese too.
    let settings = text(send(&kaiwa, page("/settings", "en-US", Some(&session))).await).await;
    assert!(settings.contains(r#"<html lang="ja""#));
    assert!(settings.contains("言語とテーマ"));
    assert!(
        settings.contains(r#"<option value="ja" selected"#),
        "{settings}"
    );

    // Back to automatic: the browser decides again.
    choose_language(&kaiwa, &session, "auto").await;
    let settings = text(send(&kaiwa, page("/settings", "en-US", Some(&session))).await).await;
    assert!(settings.contains(r#"<html lang="en""#));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn an_unknown_language_or_theme_is_refused_and_nothing_changes(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, session) = kaiwa.person("taro", "太郎").await;
    let response = choose_language(&kaiwa, &session, "klingon").await;
    assert!(location(&response).contains("error=invalid_language"));
    assert_eq!(cookie_named(&response, "kaiwa_lang"), None);
    let response = send(
        &kaiwa,
        plain_form(
            "/api/set_theme",
            Some(&session),
            &[("theme", "sepia"), ("next", "/settings")],
        ),
    )
    .await;
    assert!(location(&response).contains("error=invalid_theme"));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_chosen_theme_is_rendered_into_the_page(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, session) = kaiwa.person("taro", "太郎").await;
    let before = text(send(&kaiwa, page("/rooms/general", "en", Some(&session))).await).await;
    assert!(
        !before.contains("data-theme="),
        "the system's theme by default"
    );
    let response = send(
        &kaiwa,
        plain_form(
            "/api/set_theme",
            Some(&session),
            &[("theme", "dark"), ("next", "/rooms/general")],
        ),
    )
    .await;
    assert_eq!(location(&response), "/rooms/general");
    let theme = cookie_named(&response, "kaiwa_theme").unwrap();
    let both = format!("{session}; {theme}");
    let after = text(send(&kaiwa, page("/rooms/general", "en", Some(&both))).await).await;
    assert!(after.contains(r#"data-theme="dark""#));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_member_chooses_which_messages_of_a_room_notify_them(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (me, session) = kaiwa.person("taro", "太郎").await;
    let notify_of = |pool: app::server::db::Store| async move {
        app::server::db::on!(&pool, |p| sqlx::query_scalar::<_, String>(
            "SELECT notify FROM memberships m JOIN rooms r ON r.id = m.room_id
             WHERE r.slug = 'general' AND m.user_id = $1",
        )
        .bind(me.id)
        .fetch_one(p)
        .await)
        .unwrap()
    };
    assert_eq!(notify_of(kaiwa.state.pool.clone()).await, "mentions");
    let response = send(
        &kaiwa,
        plain_form(
            "/api/set_room_notifications",
            Some(&session),
            &[("room", "general"), ("notify", "all")],
        ),
    )
    .await;
    assert_eq!(location(&response), "/rooms/general?saved=notify");
    assert_eq!(notify_of(kaiwa.state.pool.clone()).await, "all");
    let room = text(
        send(
            &kaiwa,
            page("/rooms/general?saved=notify", "en", Some(&session)),
        )
        .await,
    )
    .await;
    assert!(
        room.contains(r#"value="all" checked"#),
        "the form shows the choice"
    );

    let response = send(
        &kaiwa,
        plain_form(
            "/api/set_room_notifications",
            Some(&session),
            &[("room", "general"), ("notify", "loud")],
        ),
    )
    .await;
    assert!(location(&response).contains("error=invalid_notify"));
    assert_eq!(
        notify_of(kaiwa.state.pool.clone()).await,
        "all",
        "kept as it was"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_notification_sound_follows_the_checkbox(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (me, session) = kaiwa.person("taro", "太郎").await;
    let sound = |pool: app::server::db::Store| async move {
        app::server::db::on!(&pool, |p| sqlx::query_scalar::<_, bool>(
            "SELECT notification_sound FROM users WHERE id = $1"
        )
        .bind(me.id)
        .fetch_one(p)
        .await)
        .unwrap()
    };
    let response = send(
        &kaiwa,
        plain_form(
            "/api/set_notification_sound",
            Some(&session),
            &[("sound", "on")],
        ),
    )
    .await;
    assert_eq!(location(&response), "/settings?saved=sound");
    assert!(sound(kaiwa.state.pool.clone()).await);
    send(
        &kaiwa,
        plain_form("/api/set_notification_sound", Some(&session), &[]),
    )
    .await;
    assert!(!sound(kaiwa.state.pool.clone()).await);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_deleted_account_is_named_in_each_readers_language_on_pages_and_in_exports(
    pool: SqlitePool,
) {
    use app::server::{accounts::account_settings, accounts::sign_in::Knock, messages};
    let kaiwa = Kaiwa::start(pool).await;
    let (_, alices) = kaiwa.person("alice", "Alice").await;
    let (bob, _) = kaiwa.person("bob", "Bob").await;
    messages::post(
        &kaiwa.state,
        &bob,
        "general",
        "bye-bye-0001",
        "またね",
        None,
    )
    .await
    .unwrap();
    let no_headers = Default::default();
    let knock = Knock::from_nowhere(&no_headers);
    account_settings::delete(&kaiwa.state, &knock, &bob, "password-123")
        .await
        .unwrap();

    let japanese = text(send(&kaiwa, page("/rooms/general", "ja", Some(&alices))).await).await;
    assert!(japanese.contains("退会したユーザー"), "{japanese}");
    assert!(!japanese.contains("Deleted user"));
    let english = text(send(&kaiwa, page("/rooms/general", "en", Some(&alices))).await).await;
    assert!(english.contains("Deleted user"));
    assert!(!english.contains("退会したユーザー"));

    let log = text(
        send(
            &kaiwa,
            page("/api/v1/rooms/general/export/txt", "ja", Some(&alices)),
        )
        .await,
    )
    .await;
    assert!(log.contains(" #general 退会したユーザー: またね"), "{log}");
    let json = text(
        send(
            &kaiwa,
            page("/api/v1/rooms/general/export/json", "ja", Some(&alices)),
        )
        .await,
    )
    .await;
    let exported: serde_json::Value = serde_json::from_str(&json).unwrap();
    let message = &exported["messages"][0];
    assert_eq!(
        (
            message["author_deleted"].as_bool(),
            message["author_display_name"].as_str()
        ),
        (Some(true), Some(""))
    );
}
