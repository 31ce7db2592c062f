//! A kaiwa server on a random loopback port over a fresh test database, with named people.
#![allow(dead_code)]

use app::{
    model::Me,
    server::{accounts, sessions, AppState, Settings},
};
use axum::{
    body::{to_bytes, Body},
    http::{header, Request, Response},
};
use leptos::config::LeptosOptions;
use sqlx::SqlitePool;
use tower::ServiceExt;

pub struct Kaiwa {
    pub state: AppState,
    pub addr: std::net::SocketAddr,
}

impl Kaiwa {
    pub async fn start(pool: SqlitePool) -> Kaiwa {
        let options = LeptosOptions::builder().output_name("kaiwa").build();
        let state = AppState::new(options, pool, Settings::default());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = server::router(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Kaiwa { state, addr }
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Signs a person up and returns them with a `Cookie` header value for their session.
    pub async fn person(&self, username: &str, display_name: &str) -> (Me, String) {
        let me = accounts::sign_up(&self.state.pool, username, display_name, "password-123")
            .await
            .unwrap();
        let set_cookie = sessions::start(&self.state.pool, me.id, false)
            .await
            .unwrap();
        let cookie = set_cookie.split(';').next().unwrap().to_owned();
        (me, cookie)
    }
}

// HTTP helpers: requests go straight into the router, no network.

pub const ORIGIN: &str = "http://127.0.0.1:3000";

pub async fn send(kaiwa: &Kaiwa, request: Request<Body>) -> Response<Body> {
    server::router(kaiwa.state.clone())
        .oneshot(request)
        .await
        .unwrap()
}

/// A form post as a browser without JavaScript makes it.
pub fn plain_form(path: &str, cookie: Option<&str>, fields: &[(&str, &str)]) -> Request<Body> {
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

pub fn location(response: &Response<Body>) -> &str {
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

pub async fn text(response: Response<Body>) -> String {
    String::from_utf8(
        to_bytes(response.into_body(), 4 << 20)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap()
}
