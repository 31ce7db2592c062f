//! The admin page: only admins see it; deactivating someone closes their sockets at once, ends
//! their sessions, stops their tokens and refuses their sign-in until they are reactivated.
mod support;

use app::server::{accounts, accounts::api_tokens};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use sqlx::SqlitePool;
use support::{get, location, next_event, plain_form, send, text, Kaiwa};

fn with_token(token: &str) -> Request<Body> {
    Request::get("/api/v1/me")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn deactivation_signs_out_at_once_and_reactivation_lets_back_in(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, admin) = kaiwa.person("alice", "Alice").await;
    let (bob, bobs) = kaiwa.person("bob", "Bob").await;
    let token = api_tokens::create(&kaiwa.state, &bob, "bot").await.unwrap();

    let refused = text(send(&kaiwa, get("/admin", &bobs)).await).await;
    assert!(refused.contains("Only admins can do that."), "{refused}");
    let listed = text(send(&kaiwa, get("/admin", &admin)).await).await;
    assert!(listed.contains("Deactivate bob"), "{listed}");

    let mut socket = support::live(&kaiwa, "general", Some(&bobs), &kaiwa.origin(), 0)
        .await
        .unwrap();
    next_event(&mut socket).await;
    let form = plain_form("/api/deactivate_user", Some(&admin), &[("username", "bob")]);
    assert_eq!(location(&send(&kaiwa, form).await), "/admin");
    assert_eq!(support::close_code(&mut socket).await, Some(4401));
    let page = send(&kaiwa, get("/rooms/general", &bobs)).await;
    assert_eq!(page.status(), StatusCode::FOUND);
    assert_eq!(
        send(&kaiwa, with_token(&token)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        accounts::sign_in(&kaiwa.state.pool, "bob", "password-123").await,
        Err(app::AppError::Deactivated)
    );
    let listed = text(send(&kaiwa, get("/admin", &admin)).await).await;
    assert!(listed.contains("Reactivate bob"), "{listed}");

    // An admin cannot deactivate themself (and so cannot lock everyone out).
    let me = plain_form(
        "/api/deactivate_user",
        Some(&admin),
        &[("username", "alice")],
    );
    assert_eq!(
        location(&send(&kaiwa, me).await),
        "/admin?form=users&error=yourself"
    );

    let form = plain_form("/api/reactivate_user", Some(&admin), &[("username", "bob")]);
    send(&kaiwa, form).await;
    assert!(accounts::sign_in(&kaiwa.state.pool, "bob", "password-123")
        .await
        .is_ok());
    assert_eq!(
        send(&kaiwa, with_token(&token)).await.status(),
        StatusCode::OK
    );
}
