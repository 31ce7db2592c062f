//! Concurrent senders, each posting as soon as its previous post is acknowledged. An ack means
//! the message is committed, so posts/s here is durable posts/s.
use std::time::{Duration, Instant};

use crate::{client, report};

#[derive(clap::Args)]
pub struct Args {
    /// Concurrent senders (one account each).
    #[arg(long, default_value_t = 64)]
    senders: usize,
    /// How long to send.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
}

pub async fn run(urls: &[String], args: Args) -> Result<(), client::Error> {
    let mut accounts = Vec::new();
    for i in 0..args.senders {
        // Senders are spread over the instances.
        let account = client::sign_up(&urls[0], &format!("sender{i}")).await?;
        accounts.push(account.on(&urls[i % urls.len()]));
    }
    let until = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let tasks: Vec<_> = accounts
        .into_iter()
        .enumerate()
        .map(|(n, account)| {
            tokio::spawn(async move {
                let mut acks = report::histogram();
                let mut refused = 0u64;
                let mut i = 0u64;
                while Instant::now() < until {
                    let t = Instant::now();
                    let client_id = format!("posting-{}-{n}-{i:08}", std::process::id());
                    match account.post(&client_id, "a steady stream 会話").await {
                        Ok(_) => {
                            let _ = acks.record((t.elapsed().as_micros() as u64).max(1));
                        }
                        Err(_) => refused += 1,
                    }
                    i += 1;
                }
                (acks, refused)
            })
        })
        .collect();
    let (acks, refused) = report::gather(tasks).await?;
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "### posting: {} senders for {} s{}\n",
        args.senders,
        args.seconds,
        report::instances(urls)
    );
    println!("- command: `{}`", report::command());
    println!("- generator: {}", report::machine());
    println!(
        "- durable posts: {} = {:.0}/s, refused {}",
        acks.len(),
        acks.len() as f64 / elapsed,
        refused
    );
    println!("- ack latency: {}", report::millis(&acks));
    Ok(())
}
