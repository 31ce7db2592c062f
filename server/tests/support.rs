//! A kaiwa server on a random loopback port over a fresh test database, with named people.
#![allow(dead_code)]

use app::{
    model::Me,
    server::{accounts, sessions, AppState, Settings},
};
use leptos::config::LeptosOptions;
use sqlx::SqlitePool;

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
