//! Presence in a big room: M members, each with one socket in `general`. Measures how long every
//! socket takes to show everyone online, how many presence frames and bytes each socket gets
//! while people come and go (coalesced, so about one frame a second at most), the server's CPU
//! meanwhile, and how soon a wave of departures is seen.
use std::{
    collections::HashSet,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures::{stream, StreamExt};
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

use crate::{client, report};

#[derive(clap::Args)]
pub struct Args {
    /// Members online, one socket each.
    #[arg(long, default_value_t = 1000)]
    members: usize,
    /// Of those, how many keep leaving and coming back during the churn phase.
    #[arg(long, default_value_t = 100)]
    churners: usize,
    #[arg(long, default_value_t = 10)]
    churn_seconds: u64,
    /// Sockets being opened at once.
    #[arg(long, default_value_t = 128)]
    connect_concurrency: usize,
    /// The server's pid, to read its CPU time.
    #[arg(long)]
    server_pid: Option<u32>,
}

/// What one socket has seen of presence.
#[derive(Default)]
struct Seen {
    online: HashSet<i64>,
    frames: u64,
    bytes: u64,
}

type Shared = Arc<Mutex<Seen>>;

pub async fn run(url: &str, args: Args) -> Result<(), client::Error> {
    let signing_up = Instant::now();
    let accounts: Vec<client::Account> = stream::iter(0..args.members)
        .map(|i| sign_up_patiently(url, i))
        .buffered(4)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
    let sign_up_time = signing_up.elapsed();
    let (observers, churners) = accounts.split_at(args.members - args.churners.min(args.members));

    // Ramp: everyone connects; wait until every socket shows everyone online.
    let ramp = Instant::now();
    let cpu_before = args.server_pid.and_then(cpu_ticks);
    let observed = connect_all(observers, args.connect_concurrency).await?;
    let (stop_churn, churn_tasks) = keep_all_online(churners, None);
    let connected = ramp.elapsed();
    let converged = wait_until(&observed, |seen| seen.online.len() >= args.members).await;
    let ramp_time = ramp.elapsed();
    let ramp_cpu = cpu_used(args.server_pid, cpu_before);
    let (ramp_frames, ramp_bytes) = totals(&observed);

    // Churn: each churner leaves and comes back again and again; observers count what reaches them.
    let _ = stop_churn.send(true);
    for task in churn_tasks {
        let _ = task.await;
    }
    let (stop_churn, churn_tasks) = keep_all_online(churners, Some(Duration::from_millis(700)));
    let (frames_before, bytes_before) = totals(&observed);
    let cpu_before = args.server_pid.and_then(cpu_ticks);
    tokio::time::sleep(Duration::from_secs(args.churn_seconds)).await;
    let churn_cpu = cpu_used(args.server_pid, cpu_before);
    let (frames_after, bytes_after) = totals(&observed);
    let _ = stop_churn.send(true);
    let mut reconnects = 0;
    for task in churn_tasks {
        reconnects += task.await.unwrap_or(0);
    }

    // Departure: the churners come back and stay, then all leave at once; how soon does each
    // observer see it?
    let (leave, stay_tasks) = keep_all_online(churners, None);
    wait_until(&observed, |seen| seen.online.len() >= args.members).await;
    let departed = Instant::now();
    let _ = leave.send(true);
    for task in stay_tasks {
        let _ = task.await;
    }
    let expected = observers.len();
    let mut seen_gone = report::histogram();
    let gone = wait_until(&observed, |seen| seen.online.len() == expected).await;
    for at in &gone {
        seen_gone.record((at.saturating_duration_since(departed).as_micros() as u64).max(1))?;
    }

    let n = observers.len() as f64;
    let secs = args.churn_seconds as f64;
    println!(
        "### presence: {} members online in one room, {} coming and going\n",
        args.members, args.churners
    );
    println!("- command: `{}`", report::command());
    println!("- generator: {}", report::machine());
    println!(
        "- sign-up of {} accounts: {:.1} s",
        args.members,
        sign_up_time.as_secs_f64()
    );
    println!(
        "- ramp: {} sockets connected in {:.2} s; every socket showed all {} online after {:.2} s ({} of {} converged); server CPU {}",
        args.members,
        connected.as_secs_f64(),
        args.members,
        ramp_time.as_secs_f64(),
        converged.len(),
        observers.len(),
        ramp_cpu.map_or("n/a".into(), |t| format!("{:.2} s", t)),
    );
    println!(
        "- ramp traffic per socket: {:.1} presence frames, {:.1} KiB",
        ramp_frames as f64 / n,
        ramp_bytes as f64 / n / 1024.0
    );
    println!(
        "- churn ({} people each leaving and returning every ~1.4 s for {} s, {} reconnects): per socket {:.2} presence frames/s, {:.2} KiB/s; server CPU {}",
        args.churners,
        args.churn_seconds,
        reconnects,
        (frames_after - frames_before) as f64 / n / secs,
        (bytes_after - bytes_before) as f64 / n / secs / 1024.0,
        churn_cpu.map_or("n/a".into(), |t| format!("{:.0}% of one core", t / secs * 100.0)),
    );
    println!(
        "- {} departures at once seen by every observer: {}",
        args.churners,
        report::millis(&seen_gone)
    );
    Ok(())
}

/// Sign-ups wait for password hashing; a busy server answers 503, so try again.
async fn sign_up_patiently(url: &str, i: usize) -> Result<client::Account, client::Error> {
    let mut tries = 0;
    loop {
        match client::sign_up(url, &format!("member{i}")).await {
            Ok(account) => return Ok(account),
            Err(err) if tries < 20 => {
                tries += 1;
                let _ = err;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(err) => return Err(err),
        }
    }
}

async fn connect_all(
    accounts: &[client::Account],
    concurrency: usize,
) -> Result<Vec<Shared>, client::Error> {
    let sockets: Vec<client::Socket> = stream::iter(accounts.iter().cloned())
        .map(|account| async move { account.open_live(0).await })
        .buffer_unordered(concurrency)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
    Ok(sockets
        .into_iter()
        .map(|socket| {
            let seen = Shared::default();
            tokio::spawn(observe(socket, seen.clone()));
            seen
        })
        .collect())
}

/// Applies every presence frame to this socket's view of who is online.
async fn observe(mut socket: client::Socket, seen: Shared) {
    while let Some(Ok(frame)) = socket.next().await {
        let Message::Text(text) = frame else { continue };
        if !text.contains("\"presence\"") {
            continue;
        }
        let Ok(event) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let ids = |key: &str| -> Vec<i64> {
            event[key]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_i64()).collect())
                .unwrap_or_default()
        };
        let mut seen = seen.lock().unwrap();
        seen.frames += 1;
        seen.bytes += text.len() as u64;
        if event["snapshot"].as_bool() == Some(true) {
            seen.online.clear();
        }
        seen.online.extend(ids("online"));
        for id in ids("offline") {
            seen.online.remove(&id);
        }
    }
}

/// Starts [`keep_online`] for each account; sending `true` stops them all.
fn keep_all_online(
    accounts: &[client::Account],
    flicker: Option<Duration>,
) -> (watch::Sender<bool>, Vec<tokio::task::JoinHandle<u64>>) {
    let (stop, stopping) = watch::channel(false);
    let tasks = accounts
        .iter()
        .cloned()
        .map(|account| tokio::spawn(keep_online(account, stopping.clone(), flicker)))
        .collect();
    (stop, tasks)
}

/// Holds a socket open until told to stop; with `flicker`, closes and reopens it every so often.
/// Returns how many times it connected.
async fn keep_online(
    account: client::Account,
    stop: watch::Receiver<bool>,
    flicker: Option<Duration>,
) -> u64 {
    let mut connects = 0;
    while !*stop.borrow() {
        let Ok(mut socket) = account.open_live(0).await else {
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        connects += 1;
        let mut stop = stop.clone();
        let hold = async { while let Some(Ok(_)) = socket.next().await {} };
        match flicker {
            Some(pause) => {
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = stop.changed() => {}
                    _ = hold => {}
                }
                drop(socket);
                tokio::time::sleep(pause).await;
            }
            None => {
                tokio::select! {
                    _ = stop.changed() => {}
                    _ = hold => {}
                }
                return connects;
            }
        }
    }
    connects
}

/// Waits (up to 30 s) until every socket's view satisfies `done`; returns when each got there.
async fn wait_until(observed: &[Shared], done: impl Fn(&Seen) -> bool) -> Vec<Instant> {
    let mut at: Vec<Option<Instant>> = vec![None; observed.len()];
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline && at.iter().any(Option::is_none) {
        for (i, seen) in observed.iter().enumerate() {
            if at[i].is_none() && done(&seen.lock().unwrap()) {
                at[i] = Some(Instant::now());
            }
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    at.into_iter().flatten().collect()
}

fn totals(observed: &[Shared]) -> (u64, u64) {
    observed.iter().fold((0, 0), |(f, b), seen| {
        let seen = seen.lock().unwrap();
        (f + seen.frames, b + seen.bytes)
    })
}

/// The server's user + system CPU time so far, in clock ticks (1/100 s).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// Seconds of CPU the server used since `before`.
fn cpu_used(pid: Option<u32>, before: Option<u64>) -> Option<f64> {
    Some((cpu_ticks(pid?)? - before?) as f64 / 100.0)
}
