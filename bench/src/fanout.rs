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
struct Tally {
    received: u64,
    duplicated: u64,
    out_of_order: u64,
}

pub async fn run(url: &str, args: Args) -> Result<(), client::Error> {
    let poster = client::sign_up(url, "poster").await?;
    let mut accounts = Vec::new();
    for i in 0..args.accounts.max(1) {
        accounts.push(client::sign_up(url, &format!("reader{i}")).await?);
    }
    let start_seq = poster.last_seq().await?;
    let rss_before = args.server_pid.and_then(report::rss_kib);

    let connecting = Instant::now();
    let sockets: Vec<client::Socket> = stream::iter(0..args.sockets)
        .map(|i| {
            let account = accounts[i % accounts.len()].clone();
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
                Ok::<_, client::Error>(socket)
            }
        })
        .buffer_unordered(args.connect_concurrency)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
    let connect_time = connecting.elapsed();
    let rss_idle = args.server_pid.and_then(report::rss_kib);

    let epoch = Instant::now();
    let last_arrival: Arc<Vec<AtomicU64>> =
        Arc::new((0..args.posts).map(|_| AtomicU64::new(0)).collect());
    let receivers: Vec<_> = sockets
        .into_iter()
        .map(|socket| {
            tokio::spawn(receive(
                socket,
                start_seq,
                args.posts,
                epoch,
                last_arrival.clone(),
            ))
        })
        .collect();

    let mut acks = report::histogram();
    let mut sent_at_us = Vec::with_capacity(args.posts);
    let mut pace = tokio::time::interval(Duration::from_millis(args.interval_ms));
    for i in 0..args.posts {
        pace.tick().await;
        let t = epoch.elapsed().as_micros() as u64;
        sent_at_us.push(t);
        poster
            .post(
                &format!("fanout-{}-{i:06}", std::process::id()),
                &format!("bench#{i}@{t}#"),
            )
            .await?;
        acks.record((epoch.elapsed().as_micros() as u64 - t).max(1))?;
    }

    let mut per_recipient = report::histogram();
    let mut tally = Tally::default();
    for receiver in receivers {
        let (h, t) = receiver.await?;
        per_recipient.add(&h)?;
        tally.received += t.received;
        tally.duplicated += t.duplicated;
        tally.out_of_order += t.out_of_order;
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
    let expected = (args.sockets * args.posts) as u64;
    let span_s = (last_delivery_us.saturating_sub(sent_at_us[0])) as f64 / 1e6;

    println!(
        "### fan-out: {} sockets, {} posts every {} ms\n",
        args.sockets, args.posts, args.interval_ms
    );
    println!("- command: `{}`", report::command());
    println!("- generator: {}", report::machine());
    println!(
        "- connect {} sockets (upgrade + replay + caught_up): {:.2} s",
        args.sockets,
        connect_time.as_secs_f64()
    );
    if let (Some(before), Some(idle)) = (rss_before, rss_idle) {
        let per_socket = (idle.saturating_sub(before)) as f64 / args.sockets as f64;
        println!("- server memory: {before} KiB before, {idle} KiB with sockets idle = {per_socket:.1} KiB per idle socket");
    }
    println!("- post ack (committed): {}", report::millis(&acks));
    println!(
        "- post → each recipient: {}",
        report::millis(&per_recipient)
    );
    println!(
        "- post → last recipient: {}",
        report::millis(&last_recipient)
    );
    println!(
        "- deliveries: {} in {span_s:.2} s = {:.0}/s",
        tally.received,
        tally.received as f64 / span_s.max(1e-9)
    );
    println!(
        "- completeness: expected {expected}, received {}, missing {}, duplicated {}, out of order {}",
        tally.received,
        expected.saturating_sub(tally.received),
        tally.duplicated,
        tally.out_of_order
    );
    Ok(())
}

async fn receive(
    mut socket: client::Socket,
    start_seq: i64,
    posts: usize,
    epoch: Instant,
    last_arrival: Arc<Vec<AtomicU64>>,
) -> (hdrhistogram::Histogram<u64>, Tally) {
    let mut latencies = report::histogram();
    let mut tally = Tally::default();
    let mut cursor = start_seq;
    let deadline =
        tokio::time::sleep(Duration::from_secs(60) + Duration::from_millis(posts as u64 * 50));
    tokio::pin!(deadline);
    while tally.received < posts as u64 {
        let frame = tokio::select! {
            _ = &mut deadline => break,
            frame = socket.next() => frame,
        };
        let Some(Ok(Message::Text(text))) = frame else {
            break;
        };
        let Some(seq) = number_after(&text, "\"seq\":") else {
            continue;
        };
        let Some((index, sent_us)) = bench_marker(&text) else {
            continue;
        };
        let now = epoch.elapsed().as_micros() as u64;
        match seq.cmp(&(cursor + 1)) {
            std::cmp::Ordering::Less => tally.duplicated += 1,
            std::cmp::Ordering::Greater => tally.out_of_order += 1,
            std::cmp::Ordering::Equal => {}
        }
        if seq > cursor {
            cursor = seq;
            tally.received += 1;
            let _ = latencies.record(now.saturating_sub(sent_us).max(1));
            if let Some(slot) = last_arrival.get(index) {
                slot.fetch_max(now, Ordering::Relaxed);
            }
        }
    }
    let _ = socket.close(None).await;
    (latencies, tally)
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
