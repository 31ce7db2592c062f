//! N sockets in `general`, one poster at a steady pace. Every receiver checks that it sees each
//! post once, in sequence order; latency is post-sent → frame-received on the same clock.
use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use futures::{stream, StreamExt};
use hdrhistogram::Histogram;
use tokio_tungstenite::tungstenite::Message;

use crate::{client, report};

#[derive(clap::Args)]
pub struct Args {
    /// Sockets to open.
    #[arg(long, default_value_t = 1000)]
    sockets: usize,
    /// Posts to send.
    #[arg(long, default_value_t = 100)]
    posts: usize,
    /// Pause between posts.
    #[arg(long, default_value_t = 100)]
    interval_ms: u64,
    /// Accounts the sockets are spread over.
    #[arg(long, default_value_t = 10)]
    accounts: usize,
    /// Sockets being opened at once.
    #[arg(long, default_value_t = 256)]
    connect_concurrency: usize,
    /// The server's pid, to measure its memory per idle socket.
    #[arg(long)]
    server_pid: Option<u32>,
}

#[derive(Default)]
pub struct Tally {
    pub received: u64,
    /// Frames with a sequence number at or below one already seen: repeated or reordered.
    pub repeated: u64,
}

/// A socket following `general`, and the last room event number it heard.
pub struct Follower {
    pub socket: client::Socket,
    pub cursor: i64,
}

/// What one round of posts measured.
pub struct Round {
    pub acks: Histogram<u64>,
    pub per_recipient: Histogram<u64>,
    pub last_recipient: Histogram<u64>,
    pub tally: Tally,
    pub expected: u64,
    pub span_s: f64,
}

pub async fn run(urls: &[String], args: Args) -> Result<(), client::Error> {
    let url = &urls[0];
    let poster = client::sign_up(url, "poster").await?;
    let mut accounts = Vec::new();
    for i in 0..args.accounts.max(1) {
        accounts.push(client::sign_up(url, &format!("reader{i}")).await?);
    }
    let start_seq = poster.last_seq().await?;
    let rss_before = args.server_pid.and_then(report::rss_kib);

    let connecting = Instant::now();
    let followers = open(
        &accounts,
        urls,
        args.sockets,
        start_seq,
        args.connect_concurrency,
    )
    .await?;
    let connect_time = connecting.elapsed();
    let rss_idle = args.server_pid.and_then(report::rss_kib);
    let (round, followers) =
        post_round(&poster, followers, args.posts, args.interval_ms, "fanout").await?;
    for mut follower in followers {
        let _ = follower.socket.close(None).await;
    }

    println!(
        "### fan-out: {} sockets, {} posts every {} ms{}\n",
        args.sockets,
        args.posts,
        args.interval_ms,
        report::instances(urls)
    );
    println!("- command: `{}`", report::command());
    println!("- generator: {}", report::machine());
    println!(
        "- connect {} sockets (upgrade + replay + caught_up): {:.2} s",
        args.sockets,
        connect_time.as_secs_f64()
    );
    if let (Some(before), Some(idle)) = (rss_before, rss_idle) {
        // The pid is the first instance's, which holds every `urls.len()`-th socket.
        let on_first = args.sockets.div_ceil(urls.len());
        let per_socket = (idle.saturating_sub(before)) as f64 / on_first as f64;
        println!("- server memory: {before} KiB before, {idle} KiB with sockets idle = {per_socket:.1} KiB per idle socket");
    }
    print_round(&round);
    Ok(())
}

/// Prints a round's latencies, rate and completeness.
pub fn print_round(round: &Round) {
    println!("- post ack (committed): {}", report::millis(&round.acks));
    println!(
        "- post → each recipient: {}",
        report::millis(&round.per_recipient)
    );
    println!(
        "- post → last recipient: {}",
        report::millis(&round.last_recipient)
    );
    println!(
        "- deliveries: {} in {:.2} s = {:.0}/s",
        round.tally.received,
        round.span_s,
        round.tally.received as f64 / round.span_s.max(1e-9)
    );
    println!(
        "- completeness: expected {}, received {}, missing {}, repeated or reordered {}",
        round.expected,
        round.tally.received,
        round.expected.saturating_sub(round.tally.received),
        round.tally.repeated
    );
}

/// Opens `n` sockets in `general` (spread over `accounts` and the instances at `urls`) and waits
/// until each has caught up.
pub async fn open(
    accounts: &[client::Account],
    urls: &[String],
    n: usize,
    start_seq: i64,
    concurrency: usize,
) -> Result<Vec<Follower>, client::Error> {
    stream::iter(0..n)
        .map(|i| {
            let account = accounts[i % accounts.len()].on(&urls[i % urls.len()]);
            async move {
                let mut socket = account.open_live(start_seq).await?;
                // Wait for `caught_up`: the socket is then really following the room.
                while let Some(frame) = socket.next().await {
                    if let Message::Text(text) = frame? {
                        if text.contains("\"caught_up\"") {
                            break;
                        }
                    }
                }
                Ok::<_, client::Error>(Follower {
                    socket,
                    cursor: start_seq,
                })
            }
        })
        .buffer_unordered(concurrency)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect()
}

/// `posts` posts at a steady pace, each heard by every socket; gives the sockets back, having
/// read them up to the round's last post (`tag` keeps rounds' client ids apart).
pub async fn post_round(
    poster: &client::Account,
    followers: Vec<Follower>,
    posts: usize,
    interval_ms: u64,
    tag: &str,
) -> Result<(Round, Vec<Follower>), client::Error> {
    let expected = (followers.len() * posts) as u64;
    let epoch = Instant::now();
    let last_arrival: Arc<Vec<AtomicU64>> =
        Arc::new((0..posts).map(|_| AtomicU64::new(0)).collect());
    let receivers: Vec<_> = followers
        .into_iter()
        .map(|follower| tokio::spawn(receive(follower, posts, epoch, last_arrival.clone())))
        .collect();

    let mut acks = report::histogram();
    let mut sent_at_us = Vec::with_capacity(posts);
    let mut pace = tokio::time::interval(Duration::from_millis(interval_ms));
    for i in 0..posts {
        pace.tick().await;
        let t = epoch.elapsed().as_micros() as u64;
        sent_at_us.push(t);
        poster
            .post(
                &format!("{tag}-{}-{i:06}", std::process::id()),
                &format!("bench#{i}@{t}#"),
            )
            .await?;
        acks.record((epoch.elapsed().as_micros() as u64 - t).max(1))?;
    }

    let mut per_recipient = report::histogram();
    let mut tally = Tally::default();
    let mut followers = Vec::new();
    for receiver in receivers {
        let (h, t, follower) = receiver.await?;
        per_recipient.add(&h)?;
        tally.received += t.received;
        tally.repeated += t.repeated;
        followers.extend(follower);
    }
    let mut last_recipient = report::histogram();
    let mut last_delivery_us = 0;
    for (i, arrival) in last_arrival.iter().enumerate() {
        let arrived = arrival.load(Ordering::Relaxed);
        if arrived > 0 {
            last_recipient.record((arrived - sent_at_us[i]).max(1))?;
            last_delivery_us = last_delivery_us.max(arrived);
        }
    }
    let span_s = (last_delivery_us.saturating_sub(sent_at_us[0])) as f64 / 1e6;
    let round = Round {
        acks,
        per_recipient,
        last_recipient,
        tally,
        expected,
        span_s,
    };
    Ok((round, followers))
}

/// Reads one socket until it has heard every post of the round (numbers may skip: others post
/// in the room too); gives it back unless it ended.
async fn receive(
    mut follower: Follower,
    posts: usize,
    epoch: Instant,
    last_arrival: Arc<Vec<AtomicU64>>,
) -> (Histogram<u64>, Tally, Option<Follower>) {
    let mut latencies = report::histogram();
    let mut tally = Tally::default();
    let socket = &mut follower.socket;
    let cursor = &mut follower.cursor;
    let deadline =
        tokio::time::sleep(Duration::from_secs(60) + Duration::from_millis(posts as u64 * 50));
    tokio::pin!(deadline);
    while tally.received < posts as u64 {
        let frame = tokio::select! {
            _ = &mut deadline => break,
            frame = socket.next() => frame,
        };
        let text = match frame {
            Some(Ok(Message::Text(text))) => text,
            Some(Ok(_)) => continue,
            _ => return (latencies, tally, None),
        };
        if !text.starts_with("{\"type\":\"message_posted\"") {
            continue;
        }
        let Some(seq) = number_after(&text, "\"seq\":") else {
            continue;
        };
        if seq <= *cursor {
            tally.repeated += 1;
            continue;
        }
        *cursor = seq;
        let Some((index, sent_us)) = bench_marker(&text) else {
            continue;
        };
        let now = epoch.elapsed().as_micros() as u64;
        tally.received += 1;
        let _ = latencies.record(now.saturating_sub(sent_us).max(1));
        if let Some(slot) = last_arrival.get(index) {
            slot.fetch_max(now, Ordering::Relaxed);
        }
    }
    (latencies, tally, Some(follower))
}

/// The integer after `key` in a JSON text (enough for the frames we read).
fn number_after(text: &str, key: &str) -> Option<i64> {
    let rest = &text[text.find(key)? + key.len()..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// `bench#<index>@<sent micros>#` in a message body.
fn bench_marker(text: &str) -> Option<(usize, u64)> {
    let rest = &text[text.find("bench#")? + 6..];
    let (index, rest) = rest.split_once('@')?;
    let (sent, _) = rest.split_once('#')?;
    Some((index.parse().ok()?, sent.parse().ok()?))
}
