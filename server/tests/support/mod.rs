//! A kaiwa server on a random loopback port over a fresh test database, with named people.
#![allow(dead_code)]

use app::{
    model::Me,
    server::{accounts, accounts::sessions, AppState, Settings},
};
use axum::{
    body::{to_bytes, Body},
    http::{header, Request, Response},
};
use leptos::config::LeptosOptions;
use sqlx::SqlitePool;
use tower::ServiceExt;

/// How long the test server waits for a request's headers (short, to test it).
pub const HEADER_READ: std::time::Duration = std::time::Duration::from_millis(500);

pub struct Kaiwa {
    pub state: AppState,
    pub addr: std::net::SocketAddr,
}

impl Kaiwa {
    pub async fn start(pool: SqlitePool) -> Kaiwa {
        Kaiwa::start_with(pool, Settings::default()).await
    }

    /// On `pool`'s database (or on PostgreSQL: see `Store::for_tests`).
    pub async fn start_with(pool: SqlitePool, settings: Settings) -> Kaiwa {
        let store = app::server::db::Store::for_tests(pool).await;
        Kaiwa::on(store, settings).await
    }

    pub async fn on(store: app::server::db::Store, settings: Settings) -> Kaiwa {
        let options = LeptosOptions::builder().output_name("kaiwa").build();
        let state = AppState::new(options, store, settings);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = server::router(state.clone());
        let limits = server::serve::Limits {
            header_read: HEADER_READ,
            ..Default::default()
        };
        tokio::spawn(server::serve::serve(
            listener,
            app,
            std::future::pending(),
            limits,
        ));
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
        let set_cookie = sessions::start(
            &self.state.pool,
            me.id,
            &axum::http::HeaderMap::new(),
            false,
        )
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

/// A page or download, as the signed-in browser with `cookie` asks for it.
pub fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

/// A read as a script makes it, with a bearer token.
pub fn bearer_get(path: &str, token: &str) -> Request<Body> {
    Request::get(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
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

// WebSocket helpers: a real connection to the listening server.

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens `/api/v1/rooms/{room}/live?after=N` as a browser on `origin` would.
pub async fn live(
    kaiwa: &Kaiwa,
    room: &str,
    cookie: Option<&str>,
    origin: &str,
    after: i64,
) -> Result<Socket, tokio_tungstenite::tungstenite::Error> {
    live_at(kaiwa, &format!("{room}/live?after={after}"), cookie, origin).await
}

/// Opens `/api/v1/rooms/{tail}` (the room, `live` and a query) as a browser would.
pub async fn live_at(
    kaiwa: &Kaiwa,
    tail: &str,
    cookie: Option<&str>,
    origin: &str,
) -> Result<Socket, tokio_tungstenite::tungstenite::Error> {
    use tokio_tungstenite::tungstenite::{client::IntoClientRequest, http::HeaderValue};
    let url = format!("ws://{}/api/v1/rooms/{tail}", kaiwa.addr);
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("origin", HeaderValue::from_str(origin).unwrap());
    if let Some(cookie) = cookie {
        request
            .headers_mut()
            .insert("cookie", HeaderValue::from_str(cookie).unwrap());
    }
    tokio_tungstenite::connect_async(request)
        .await
        .map(|(socket, _)| socket)
}

/// The next frame of any kind, within 5 s.
pub async fn next_frame(socket: &mut Socket) -> app::model::LiveEvent {
    use futures::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        let frame = tokio::time::timeout(std::time::Duration::from_secs(5), socket.next())
            .await
            .expect("a frame within 5 s")
            .expect("the socket is open")
            .expect("a valid frame");
        match frame {
            Message::Text(text) => return serde_json::from_str(&text).unwrap(),
            Message::Close(close) => panic!("closed: {close:?}"),
            _ => {}
        }
    }
}

/// The next room event or `caught_up`, skipping the room list, presence and typing.
pub async fn next_event(socket: &mut Socket) -> app::model::LiveEvent {
    use app::model::LiveEvent;
    loop {
        match next_frame(socket).await {
            LiveEvent::Rooms { .. } | LiveEvent::Presence { .. } | LiveEvent::Typing { .. } => {}
            event => return event,
        }
    }
}

/// The close code the server ends the socket with (skipping frames before it), within 5 s.
pub async fn close_code(socket: &mut Socket) -> Option<u16> {
    use futures::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        match tokio::time::timeout(std::time::Duration::from_secs(5), socket.next()).await {
            Ok(Some(Ok(Message::Close(close)))) => return close.map(|c| u16::from(c.code)),
            Ok(Some(Ok(_))) => continue,
            _ => return None,
        }
    }
}

/// Whether the server ends the connection within 5 s (a close frame, an error or the end).
pub async fn closes_soon(socket: &mut Socket) -> bool {
    use futures::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        match tokio::time::timeout(std::time::Duration::from_secs(5), socket.next()).await {
            Err(_) => return false,
            Ok(None) | Ok(Some(Err(_))) | Ok(Some(Ok(Message::Close(_)))) => return true,
            Ok(Some(Ok(_))) => continue,
        }
    }
}

/// Opens a room's live socket as a script does: a bearer token, no cookie and no `Origin`.
pub async fn live_with_bearer(
    kaiwa: &Kaiwa,
    room: &str,
    token: &str,
    after: i64,
) -> Result<Socket, tokio_tungstenite::tungstenite::Error> {
    use tokio_tungstenite::tungstenite::{client::IntoClientRequest, http::HeaderValue};
    let url = format!("ws://{}/api/v1/rooms/{room}/live?after={after}", kaiwa.addr);
    let mut request = url.into_client_request().unwrap();
    let bearer = HeaderValue::from_str(&format!("Bearer {token}")).unwrap();
    request.headers_mut().insert("authorization", bearer);
    tokio_tungstenite::connect_async(request)
        .await
        .map(|(socket, _)| socket)
}

/// `name=value` of the cookie called `name` that `response` sets, if it sets one.
pub fn set_cookie(response: &Response<Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .find(|pair| pair.starts_with(&format!("{name}=")))
}
