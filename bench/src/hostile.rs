//! A hostile tenant: one account (and one stray client) doing everything issue 15 found, at the
//! server's own limits, while ordinary people chat in `general`. Reports the ordinary people's
//! latency and completeness, and the server's memory, before and during.
//!
//! What the hostile account does, all at once, until the second round of posts is over:
//! - posts the heaviest message there is (a code block that highlighting once made 376 KB);
//! - makes private rooms as fast as it is let;
//! - downloads `general` as JSON over and over, four downloads at a time;
//! - guesses the poster's password on the sign-in form, many guesses at once;
//! - runs 16 searches at once for a 100-character text that no index can serve;
//! - opens sockets that never read, and connections that send half their headers.
use std::{
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};

use futures::StreamExt;
use reqwest::header::COOKIE;
use tokio::io::AsyncWriteExt;

use crate::{client, fanout, report};

#[derive(clap::Args)]
pub struct Args {
    /// Ordinary sockets in `general`.
    #[arg(long, default_value_t = 1000)]
    sockets: usize,
    /// Posts per round (one round before the tenant starts, one while it runs).
    #[arg(long, default_value_t = 100)]
    posts: usize,
    /// Pause between ordinary posts.
    #[arg(long, default_value_t = 200)]
    interval_ms: u64,
    /// The server's pid, to read its memory.
    #[arg(long)]
    server_pid: Option<u32>,
}

/// What the tenant tried, and how often it was answered each way.
#[derive(Default)]
struct Tried {
    ok: AtomicU64,
    /// 429 or 503: a limit said no.
    limited: AtomicU64,
    /// Another 4xx (a wrong password, say).
    refused: AtomicU64,
    failed: AtomicU64,
}

impl Tried {
    fn count(&self, status: Option<reqwest::StatusCode>) {
        let counter = match status.map(|s| s.as_u16()) {
            Some(200..=399) => &self.ok,
            Some(429 | 503) => &self.limited,
            Some(400..=499) => &self.refused,
            _ => &self.failed,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    fn line(&self, what: &str) -> String {
        format!(
            "{what}: {} done, {} stopped by a limit (429/503), {} refused otherwise, {} failed",
            self.ok.load(Ordering::Relaxed),
            self.limited.load(Ordering::Relaxed),
            self.refused.load(Ordering::Relaxed),
            self.failed.load(Ordering::Relaxed)
        )
    }
}

#[derive(Default)]
struct Tenant {
    heavy: Tried,
    rooms: Tried,
    exports: Tried,
    guesses: Tried,
    searches: Tried,
}

pub async fn run(url: &str, args: Args) -> Result<(), client::Error> {
    let poster = client::sign_up(url, "poster").await?;
    let mut readers = Vec::new();
    for i in 0..10 {
        readers.push(client::sign_up(url, &format!("reader{i}")).await?);
    }
    let hostile = client::sign_up(url, "hostile").await?;
    let rss = || args.server_pid.and_then(report::rss_kib).unwrap_or(0);
    let rss_start = rss();

    let start_seq = poster.last_seq().await?;
    let followers = fanout::open(&readers, &[url.to_owned()], args.sockets, start_seq, 256).await?;
    let rss_idle = rss();
    let (before, followers) =
        fanout::post_round(&poster, followers, args.posts, args.interval_ms, "calm").await?;

    let stop = Arc::new(AtomicBool::new(false));
    let tenant = Arc::new(Tenant::default());
    let peak = Arc::new(AtomicU64::new(rss()));
    let mut tasks = Vec::new();
    tasks.push(tokio::spawn(heavy_posts(
        hostile.clone(),
        stop.clone(),
        tenant.clone(),
    )));
    tasks.push(tokio::spawn(rooms(
        hostile.clone(),
        stop.clone(),
        tenant.clone(),
    )));
    for _ in 0..4 {
        tasks.push(tokio::spawn(exports(
            hostile.clone(),
            stop.clone(),
            tenant.clone(),
        )));
    }
    for _ in 0..16 {
        tasks.push(tokio::spawn(searches(
            hostile.clone(),
            stop.clone(),
            tenant.clone(),
        )));
    }
    tasks.push(tokio::spawn(guesses(
        url.to_owned(),
        stop.clone(),
        tenant.clone(),
    )));
    let stalled = stalled_sockets(&hostile, 50).await;
    let half_open = half_headers(url, 200).await;
    if let Some(pid) = args.server_pid {
        let (stop, peak) = (stop.clone(), peak.clone());
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(report::rss_kib(pid).unwrap_or(0), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (during, followers) =
        fanout::post_round(&poster, followers, args.posts, args.interval_ms, "hostile").await?;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        let _ = task.await;
    }
    let rss_during_peak = peak.load(Ordering::Relaxed);
    drop((stalled, half_open));
    for mut follower in followers {
        let _ = follower.socket.close(None).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_after = rss();

    println!(
        "### hostile tenant: {} ordinary sockets, {} posts a round every {} ms\n",
        args.sockets, args.posts, args.interval_ms
    );
    println!("- command: `{}`", report::command());
    println!("- generator: {}", report::machine());
    println!("- **before** the tenant starts:");
    fanout::print_round(&before);
    println!("- **while** one account does all of the below at its limits:");
    fanout::print_round(&during);
    println!("- {}", tenant.heavy.line("heaviest messages posted"));
    println!("- {}", tenant.rooms.line("private rooms made"));
    println!(
        "- {}",
        tenant.exports.line("JSON exports of general (4 at a time)")
    );
    println!(
        "- {}",
        tenant.guesses.line("password guesses (32 at a time)")
    );
    println!(
        "- {}",
        tenant
            .searches
            .line("100-character searches (16 at a time)")
    );
    println!("- and 50 sockets that never read, 200 connections that sent half their headers");
    if args.server_pid.is_some() {
        println!(
            "- server memory: {rss_start} KiB at start, {rss_idle} KiB with the sockets idle, \
             peak {rss_during_peak} KiB during, {rss_after} KiB after"
        );
    }
    Ok(())
}

async fn heavy_posts(hostile: client::Account, stop: Arc<AtomicBool>, tenant: Arc<Tenant>) {
    let heavy = format!("```html\n{}\n```", "<a>".repeat(1_328));
    let mut i = 0;
    while !stop.load(Ordering::Relaxed) {
        i += 1;
        let status = hostile
            .http
            .post(format!("{}/api/v1/rooms/general/messages", hostile.url))
            .header(COOKIE, &hostile.cookie)
            .json(&serde_json::json!({ "client_id": format!("heavy-{}-{i}", std::process::id()), "body": heavy }))
            .send()
            .await
            .ok()
            .map(|r| r.status());
        tenant.heavy.count(status);
        if status.is_some_and(|s| s.as_u16() == 429) {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

async fn rooms(hostile: client::Account, stop: Arc<AtomicBool>, tenant: Arc<Tenant>) {
    let mut i = 0;
    while !stop.load(Ordering::Relaxed) {
        i += 1;
        let name = format!("junk {}-{i}", std::process::id());
        let status = hostile
            .http
            .post(format!("{}/api/create_room", hostile.url))
            .header(COOKIE, &hostile.cookie)
            .form(&[
                ("name", name.as_str()),
                ("topic", ""),
                ("visibility", "private"),
            ])
            .send()
            .await
            .ok()
            .map(|r| r.status());
        tenant.rooms.count(status);
        if status.is_some_and(|s| s.as_u16() == 429) {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

async fn exports(hostile: client::Account, stop: Arc<AtomicBool>, tenant: Arc<Tenant>) {
    while !stop.load(Ordering::Relaxed) {
        let response = hostile
            .http
            .get(format!("{}/api/v1/rooms/general/export/json", hostile.url))
            .header(COOKIE, &hostile.cookie)
            .send()
            .await;
        let status = response.as_ref().ok().map(|r| r.status());
        if let Ok(response) = response {
            // Read it all, as a download does.
            let mut body = response.bytes_stream();
            while let Some(Ok(_)) = body.next().await {}
        }
        tenant.exports.count(status);
        if status.is_some_and(|s| s.as_u16() == 429) {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

async fn searches(hostile: client::Account, stop: Arc<AtomicBool>, tenant: Arc<Tenant>) {
    let query = "x".repeat(100);
    while !stop.load(Ordering::Relaxed) {
        let status = hostile
            .http
            .post(format!("{}/api/search_messages", hostile.url))
            .header(COOKIE, &hostile.cookie)
            .form(&[("q", query.as_str())])
            .send()
            .await
            .ok()
            .map(|r| r.status());
        tenant.searches.count(status);
    }
}

async fn guesses(url: String, stop: Arc<AtomicBool>, tenant: Arc<Tenant>) {
    let http = reqwest::Client::new();
    let username = format!("poster-{}", std::process::id() % 100_000);
    while !stop.load(Ordering::Relaxed) {
        let wave = (0..32).map(|_| {
            http.post(format!("{url}/api/sign_in"))
                .form(&[
                    ("username", username.as_str()),
                    ("password", "a-wrong-guess"),
                ])
                .send()
        });
        for response in futures::future::join_all(wave).await {
            tenant.guesses.count(response.ok().map(|r| r.status()));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Sockets of the tenant that never read a frame (the server's heartbeat should end them).
async fn stalled_sockets(hostile: &client::Account, n: usize) -> Vec<client::Socket> {
    let mut sockets = Vec::new();
    for _ in 0..n {
        if let Ok(socket) = hostile.open_live(0).await {
            sockets.push(socket);
        }
    }
    sockets
}

/// Connections that send part of a request's headers and then nothing.
async fn half_headers(url: &str, n: usize) -> Vec<tokio::net::TcpStream> {
    let address = url.trim_start_matches("http://").to_owned();
    let mut held = Vec::new();
    for _ in 0..n {
        if let Ok(mut stream) = tokio::net::TcpStream::connect(&address).await {
            let _ = stream
                .write_all(b"GET /rooms/general HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                .await;
            held.push(stream);
        }
    }
    held
}
