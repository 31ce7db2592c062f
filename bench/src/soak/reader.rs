//! One soak reader: follows `general` with resume, checking order, until it reaches the final
//! sequence number.
use std::{
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use futures::StreamExt;
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

use crate::client;

#[derive(Default, Debug)]
pub struct ReaderReport {
    pub events: u64,
    pub gaps: u64,
    pub duplicates: u64,
    pub last_seq: i64,
    pub reconnects: u64,
    /// When this reader was first caught up after the restart (micros since the epoch).
    pub back_after_restart_us: Option<u64>,
}

/// One reader: follows the room with resume, checking order, until it reaches the final seq.
pub async fn read(
    mut account: client::Account,
    urls: Vec<String>,
    drop_now: Arc<AtomicBool>,
    mut stop: watch::Receiver<Option<i64>>,
    epoch: Instant,
    restarted_at: Arc<AtomicU64>,
) -> ReaderReport {
    let mut report = ReaderReport::default();
    loop {
        if let Some(last) = *stop.borrow() {
            if report.last_seq >= last {
                return report;
            }
        }
        let Ok(mut socket) = account.open_live(report.last_seq).await else {
            // That instance is down: resume through another, as a load balancer would.
            account.url = client::next(&urls, &account.url);
            tokio::time::sleep(Duration::from_millis(100 + rand_ms())).await;
            report.reconnects += 1;
            continue;
        };
        loop {
            let frame = tokio::select! {
                frame = socket.next() => frame,
                _ = tokio::time::sleep(Duration::from_millis(250)) => {
                    if drop_now.swap(false, Ordering::Relaxed) { break; }
                    if matches!(*stop.borrow(), Some(last) if report.last_seq >= last) { return report; }
                    continue;
                }
                _ = stop.changed() => continue,
            };
            let Some(Ok(Message::Text(text))) = frame else {
                break;
            };
            if text.contains("\"caught_up\"") {
                let restart = restarted_at.load(Ordering::Relaxed);
                let now = epoch.elapsed().as_micros() as u64;
                if restart != u64::MAX && now >= restart && report.back_after_restart_us.is_none() {
                    report.back_after_restart_us = Some(now);
                }
                continue;
            }
            let Some(seq) = seq_of(&text) else { continue };
            if seq <= report.last_seq {
                report.duplicates += 1;
            } else if seq != report.last_seq + 1 {
                report.gaps += 1;
                report.last_seq = seq;
            } else {
                report.last_seq = seq;
                report.events += 1;
            }
        }
        let _ = socket.close(None).await;
        report.reconnects += 1;
        tokio::time::sleep(Duration::from_millis(50 + rand_ms())).await;
    }
}

fn seq_of(text: &str) -> Option<i64> {
    let rest = &text[text.find("\"seq\":")? + 6..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// A little jitter without a random-number crate.
fn rand_ms() -> u64 {
    u64::from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
            % 400,
    )
}
