//! A client of the public API: sign up, post, open live sockets.
use std::time::Duration;

use reqwest::header::{COOKIE, SET_COOKIE};
use tokio_tungstenite::{
    tungstenite::{client::IntoClientRequest, http::HeaderValue},
    MaybeTlsStream, WebSocketStream,
};

pub type Socket = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;
pub type Error = Box<dyn std::error::Error>;

#[derive(Clone)]
pub struct Account {
    pub url: String,
    pub cookie: String,
    pub http: reqwest::Client,
}

/// Signs up a new account named `name` plus a run-unique suffix.
pub async fn sign_up(url: &str, name: &str) -> Result<Account, Error> {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .timeout(Duration::from_secs(30))
        .build()?;
    let suffix = std::process::id() % 100_000;
    let username = format!("{name}-{suffix}");
    let response = http
        .post(format!("{url}/api/sign_up"))
        .form(&[
            ("username", username.as_str()),
            ("display_name", name),
            ("password", "bench-password"),
        ])
        .send()
        .await?;
    let cookie = response
        .headers()
        .get(SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .ok_or_else(|| format!("sign-up of {username} failed: {}", response.status()))?
        .to_owned();
    Ok(Account {
        url: url.to_owned(),
        cookie,
        http,
    })
}

impl Account {
    /// Posts and waits for the ack (the message is committed when it arrives).
    pub async fn post(&self, client_id: &str, body: &str) -> Result<serde_json::Value, Error> {
        let response = self
            .http
            .post(format!("{}/api/v1/rooms/general/messages", self.url))
            .header(COOKIE, &self.cookie)
            .json(&serde_json::json!({ "client_id": client_id, "body": body }))
            .send()
            .await?;
        if !response.status().is_success() {
            return Err(format!(
                "post failed: {} {}",
                response.status(),
                response.text().await?
            )
            .into());
        }
        Ok(response.json().await?)
    }

    /// A page of `general` from the JSON API (`after`/`limit` as it takes them).
    async fn messages(&self, query: &str) -> Result<serde_json::Value, Error> {
        let url = format!("{}/api/v1/rooms/general/messages?{query}", self.url);
        let request = self.http.get(url).header(COOKIE, &self.cookie);
        Ok(request.send().await?.json().await?)
    }

    pub async fn last_seq(&self) -> Result<i64, Error> {
        Ok(self.messages("limit=1").await?["last_seq"]
            .as_i64()
            .unwrap_or(0))
    }

    pub async fn open_live(&self, after: i64) -> Result<Socket, Error> {
        let ws_url = self.url.replacen("http", "ws", 1);
        let mut request =
            format!("{ws_url}/api/v1/rooms/general/live?after={after}").into_client_request()?;
        request
            .headers_mut()
            .insert("cookie", HeaderValue::from_str(&self.cookie)?);
        Ok(tokio_tungstenite::connect_async(request).await?.0)
    }
}

impl Account {
    /// The same account talking to another instance of the deployment (sessions are shared).
    pub fn on(&self, url: &str) -> Account {
        Account {
            url: url.to_owned(),
            ..self.clone()
        }
    }
}

/// The instance after `url` in `urls` (round and round).
pub fn next(urls: &[String], url: &str) -> String {
    let at = urls.iter().position(|u| u == url).unwrap_or(0);
    urls[(at + 1) % urls.len()].clone()
}

impl Account {
    /// Every message in `general`, oldest first, paging through the API.
    pub async fn all_messages(&self) -> Result<Vec<serde_json::Value>, Error> {
        let mut all = Vec::new();
        let mut after = 0;
        loop {
            let page = self.messages(&format!("after={after}&limit=500")).await?;
            let batch = page["messages"].as_array().cloned().unwrap_or_default();
            let Some(last) = batch.last() else {
                return Ok(all);
            };
            after = last["seq"].as_i64().unwrap_or(after);
            all.extend(batch);
        }
    }
}
