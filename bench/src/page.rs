//! The server-rendered room page (latest 50 messages), uncached, under concurrent readers.
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, COOKIE};

use crate::{client, report};

#[derive(clap::Args)]
pub struct Args {
    /// Concurrent readers.
    #[arg(long, default_value_t = 16)]
    clients: usize,
    /// How long to read.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Fill the room with this many messages first (so the page shows a full 50).
    #[arg(long, default_value_t = 50)]
    fill: usize,
    /// Fill with formatted messages (Markdown, links, highlighted code) instead of plain text.
    #[arg(long)]
    formatted: bool,
}

/// Messages as people format them: emphasis and a link, a list, inline code, a quote, and a
/// highlighted code block of a few lines.
fn formatted_body(i: usize) -> String {
    match i % 5 {
        0 => format!("message {i}: **今日の会話**は*楽しい* — see https://example.com/notes/{i}"),
        1 => {
            format!("message {i}: to do\n- read chapter {i}\n- write `notes.md`\n- ask about 敬語")
        }
        2 => format!("message {i}: use `Vec<String>` and `HashMap<&str, i64>` here"),
        3 => format!("> message {i}: 会話は楽しい\n\nagreed, ~~not~~ very much"),
        _ => format!(
            "message {i}:\n```rust\nfn count(words: &[&str]) -> usize {{\n    // 数える\n    \
             words.iter().filter(|w| !w.is_empty()).count()\n}}\n```"
        ),
    }
}

pub async fn run(urls: &[String], args: Args) -> Result<(), client::Error> {
    let reader = client::sign_up(&urls[0], "reader").await?;
    for i in 0..args.fill {
        let body = match args.formatted {
            true => formatted_body(i),
            false => {
                format!("message {i}: 今日の会話は楽しい — a line of ordinary length for a chat.")
            }
        };
        reader
            .post(&format!("page-fill-{}-{i:05}", std::process::id()), &body)
            .await?;
    }
    let until = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..args.clients)
        .map(|i| {
            // Readers are spread over the instances.
            let reader = reader.on(&urls[i % urls.len()]);
            tokio::spawn(async move {
                let mut latencies = report::histogram();
                let mut failed = 0u64;
                while Instant::now() < until {
                    let t = Instant::now();
                    let response = reader
                        .http
                        .get(format!("{}/rooms/general", reader.url))
                        .header(COOKIE, &reader.cookie)
                        .header(ACCEPT, "text/html")
                        .send()
                        .await;
                    let ok = match response {
                        Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                        _ => false,
                    };
                    if ok {
                        let _ = latencies.record((t.elapsed().as_micros() as u64).max(1));
                    } else {
                        failed += 1;
                    }
                }
                (latencies, failed)
            })
        })
        .collect();
    let (latencies, failed) = report::gather(tasks).await?;
    let elapsed = started.elapsed().as_secs_f64();
    let kind = if args.formatted { "formatted" } else { "plain" };
    println!(
        "### page: {} clients for {} s, {} {kind} messages{}\n",
        args.clients,
        args.seconds,
        args.fill,
        report::instances(urls)
    );
    println!("- command: `{}`", report::command());
    println!("- generator: {}", report::machine());
    println!(
        "- pages: {} = {:.0} req/s, failed {}",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        failed
    );
    println!("- latency: {}", report::millis(&latencies));
    Ok(())
}
