//! Soak: a steady posting load while a tenth of the sockets is dropped again and again and the
//! server is killed with SIGKILL once and restarted. At the end every reader must have seen
//! every event once, in order, and every acknowledged post must be stored exactly once. With
//! `--instances 2 --database-url postgres://…`, two servers share the database: readers and
//! posters are spread over both, the second is the one killed, and whoever was on it carries on
//! through the first (as behind a load balancer) until it is back.
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use tokio::sync::watch;

use crate::{client, report};

mod reader;
mod server_process;

use reader::read;
use server_process::Server;

#[derive(clap::Args)]
pub struct Args {
    /// The kaiwa binary to run (the soak starts, kills and restarts it itself).
    #[arg(long, default_value = "target/release/kaiwa")]
    server_bin: String,
    #[arg(long, default_value_t = 3950)]
    port: u16,
    #[arg(long, default_value_t = 1000)]
    sockets: usize,
    #[arg(long, default_value_t = 30)]
    seconds: u64,
    /// Concurrent posters, each posting every `post_interval_ms`.
    #[arg(long, default_value_t = 8)]
    posters: usize,
    #[arg(long, default_value_t = 50)]
    post_interval_ms: u64,
    /// Servers sharing one database (more than one needs `--database-url`).
    #[arg(long, default_value_t = 1)]
    instances: u16,
    /// PostgreSQL for the servers (an empty database); SQLite in a temporary directory if unset.
    #[arg(long)]
    database_url: Option<String>,
    /// A shell command that restarts the database; run at three quarters of the time, while
    /// everything posts and reads.
    #[arg(long)]
    restart_database: Option<String>,
}

pub async fn run(args: Args) -> Result<(), client::Error> {
    if args.instances > 1 && args.database_url.is_none() {
        return Err("more than one instance needs --database-url postgres://…".into());
    }
    let mut servers: Vec<Server> = (0..args.instances.max(1))
        .map(|i| Server {
            bin: args.server_bin.clone(),
            port: args.port + i,
            data: std::env::temp_dir().join(format!("kaiwa-soak-{}-{i}", std::process::id())),
            database_url: args.database_url.clone(),
            child: None,
        })
        .collect();
    for server in &mut servers {
        server.start()?;
        server.wait_ready().await;
    }
    let urls: Vec<String> = servers
        .iter()
        .map(|s| format!("http://127.0.0.1:{}", s.port))
        .collect();
    let url = urls[0].clone();
    // Account `i` starts on instance `i mod n`.
    let on = |account: &client::Account, i: usize| client::Account {
        url: urls[i % urls.len()].clone(),
        ..account.clone()
    };

    let mut readers_accounts = Vec::new();
    for i in 0..10 {
        readers_accounts.push(client::sign_up(&url, &format!("soak-reader{i}")).await?);
    }
    let epoch = Instant::now();
    let restarted_at = Arc::new(AtomicU64::new(u64::MAX));
    let (stop_tx, stop_rx) = watch::channel(None::<i64>);
    let drop_flags: Vec<Arc<AtomicBool>> = (0..args.sockets).map(|_| Arc::default()).collect();
    let readers: Vec<_> = (0..args.sockets)
        .map(|i| {
            let account = on(&readers_accounts[i % readers_accounts.len()], i);
            tokio::spawn(read(
                account,
                urls.clone(),
                drop_flags[i].clone(),
                stop_rx.clone(),
                epoch,
                restarted_at.clone(),
            ))
        })
        .collect();

    let acked: Arc<std::sync::Mutex<HashMap<String, i64>>> = Arc::default();
    let posting = Arc::new(AtomicBool::new(true));
    let mut posters = Vec::new();
    for p in 0..args.posters {
        let mut account = on(&client::sign_up(&url, &format!("soak-poster{p}")).await?, p);
        let (acked, posting, urls) = (acked.clone(), posting.clone(), urls.clone());
        let pace = Duration::from_millis(args.post_interval_ms);
        posters.push(tokio::spawn(async move {
            let mut n = 0u64;
            while posting.load(Ordering::Relaxed) {
                let client_id = format!("soak-{p}-{n:08}");
                // Retry with the same client id until acknowledged, across the restart.
                loop {
                    match account
                        .post(&client_id, &format!("soak {p}/{n}"))
                        .await
                        .ok()
                    {
                        Some(message) => {
                            let seq = message["seq"].as_i64().unwrap_or(-1);
                            acked
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .insert(client_id, seq);
                            break;
                        }
                        None => {
                            // That instance is down: carry on through another.
                            account.url = client::next(&urls, &account.url);
                            tokio::time::sleep(Duration::from_millis(100)).await;
                        }
                    }
                }
                n += 1;
                tokio::time::sleep(pace).await;
            }
        }));
    }

    let mut rss_samples = Vec::new();
    let total = Duration::from_secs(args.seconds);
    let kill_at = total / 2;
    let mut killed = false;
    let database_restart_at = total * 3 / 4;
    let mut database_restarted = args.restart_database.is_none();
    let mut next_drop = Duration::from_secs(3);
    let mut round = 0usize;
    while epoch.elapsed() < total {
        tokio::time::sleep(Duration::from_millis(200)).await;
        if let Some(rss) = servers[0].pid().and_then(report::rss_kib) {
            rss_samples.push((epoch.elapsed(), killed, rss));
        }
        if epoch.elapsed() >= next_drop {
            // Drop a different tenth of the sockets each round.
            for (i, flag) in drop_flags.iter().enumerate() {
                if i % 10 == round % 10 {
                    flag.store(true, Ordering::Relaxed);
                }
            }
            round += 1;
            next_drop += Duration::from_secs(3);
        }
        if !killed && epoch.elapsed() >= kill_at {
            let server = servers.last_mut().expect("one server at least");
            server.kill();
            tokio::time::sleep(Duration::from_millis(500)).await;
            restarted_at.store(epoch.elapsed().as_micros() as u64, Ordering::Relaxed);
            server.start()?;
            server.wait_ready().await;
            killed = true;
        }
        if !database_restarted && epoch.elapsed() >= database_restart_at {
            let command = args.restart_database.as_deref().unwrap_or_default();
            let status = std::process::Command::new("sh")
                .args(["-c", command])
                .status()?;
            if !status.success() {
                return Err(format!("`{command}` failed: {status}").into());
            }
            database_restarted = true;
        }
    }
    posting.store(false, Ordering::Relaxed);
    for poster in posters {
        poster.await?;
    }

    // Everything the server holds, checked against what was acknowledged.
    let checker = client::sign_up(&url, "soak-checker").await?;
    let stored = checker.all_messages().await?;
    let final_seq = stored
        .last()
        .map(|m| m["seq"].as_i64().unwrap_or(0))
        .unwrap_or(0);
    let _ = stop_tx.send(Some(final_seq));
    let mut reports = Vec::new();
    for reader in readers {
        reports.push(reader.await?);
    }

    let mut problems = Vec::new();
    let seqs: Vec<i64> = stored
        .iter()
        .map(|m| m["seq"].as_i64().unwrap_or(-1))
        .collect();
    if seqs != (1..=final_seq).collect::<Vec<_>>() {
        problems.push("stored sequence numbers are not exactly 1..=last".to_owned());
    }
    let mut stored_ids: HashMap<String, usize> = HashMap::new();
    for m in &stored {
        *stored_ids
            .entry(m["client_id"].as_str().unwrap_or("").to_owned())
            .or_default() += 1;
    }
    let acked = acked.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let lost = acked
        .keys()
        .filter(|id| !stored_ids.contains_key(*id))
        .count();
    let doubled = stored_ids.values().filter(|n| **n > 1).count();
    if lost > 0 || doubled > 0 {
        problems.push(format!(
            "{lost} acknowledged posts lost, {doubled} stored twice"
        ));
    }
    let bad_readers = reports
        .iter()
        .filter(|r| r.gaps > 0 || r.duplicates > 0 || r.last_seq != final_seq)
        .count();
    if bad_readers > 0 {
        let example = reports
            .iter()
            .find(|r| r.gaps > 0 || r.duplicates > 0 || r.last_seq != final_seq);
        problems.push(format!("{bad_readers} readers saw a gap, a duplicate or did not reach {final_seq}: e.g. {example:?}"));
    }

    let restart_us = restarted_at.load(Ordering::Relaxed);
    let mut back: Vec<u64> = reports
        .iter()
        .filter_map(|r| r.back_after_restart_us)
        .map(|t| t.saturating_sub(restart_us))
        .collect();
    back.sort_unstable();
    let p99_back = back
        .get((back.len() * 99 / 100).saturating_sub(1))
        .map(|us| *us as f64 / 1e6);
    let steady = rss_samples
        .iter()
        .filter(|(t, killed, _)| !killed && *t > Duration::from_secs(2))
        .map(|s| s.2)
        .max();
    let after = rss_samples
        .iter()
        .filter(|(_, killed, _)| *killed)
        .map(|s| s.2)
        .max();

    println!(
        "### soak: {} sockets, {} posters every {} ms, {} s, {}\n",
        args.sockets,
        args.posters,
        args.post_interval_ms,
        args.seconds,
        match args.instances {
            0 | 1 if args.database_url.is_none() => "one instance on SQLite".to_owned(),
            n => format!("{n} instance(s) on PostgreSQL, the last one killed"),
        }
    );
    if let Some(command) = &args.restart_database {
        println!("- the database restarted at {database_restart_at:?} with `{command}`");
    }
    println!("- command: `{}`", report::command());
    println!(
        "- events: {final_seq} stored; {} acknowledged posts; {} readers",
        acked.len(),
        reports.len()
    );
    println!(
        "- reconnects: {} (a tenth dropped every 3 s, one SIGKILL restart)",
        reports.iter().map(|r| r.reconnects).sum::<u64>()
    );
    println!(
        "- back and caught up after the restart: {} of {} readers, 99% within {:.2} s",
        back.len(),
        reports.len(),
        p99_back.unwrap_or(f64::NAN)
    );
    println!(
        "- server memory: steady max {} KiB, after restart max {} KiB",
        steady.unwrap_or(0),
        after.unwrap_or(0)
    );
    if problems.is_empty() {
        println!("- completeness and order: OK (no gap, duplicate or reordering on any reader; every acknowledged post stored once)");
        println!("\nsoak: 1 passed, 0 failed");
        Ok(())
    } else {
        for p in &problems {
            println!("- PROBLEM: {p}");
        }
        println!("\nsoak: 0 passed, 1 failed");
        Err(problems.join("; ").into())
    }
}
