//! A running server hears of every credential change, whichever process made it (a page, the
//! API, or `kaiwa admin` beside it): each second it reads the changes the database recorded
//! and has the accounts' open sockets check their own session or token again.
use std::{collections::BTreeSet, sync::Arc, time::Duration};

use crate::server::db::Store;

use crate::server::{db, live::hub::Hub};

pub const EVERY: Duration = Duration::from_secs(1);
/// Changes are kept this long, then forgotten.
const KEPT_SECONDS: i64 = 3600;

pub fn watch(pool: Store, hub: Arc<Hub>) {
    tokio::spawn(async move {
        let mut seen = db::credential_changes::latest(&pool).await.unwrap_or(0);
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        for round in 0u64.. {
            tick.tick().await;
            let changes = match db::credential_changes::after(&pool, seen).await {
                Ok(changes) => changes,
                Err(err) => {
                    tracing::warn!(?err, "could not read credential changes");
                    continue;
                }
            };
            seen = changes.last().map_or(seen, |(id, _)| *id);
            let people: BTreeSet<i64> = changes.into_iter().map(|(_, user)| user).collect();
            for user_id in people {
                hub.sessions_ended(user_id);
            }
            if round % 600 == 0 {
                let _ = db::credential_changes::forget_older_than(&pool, KEPT_SECONDS).await;
            }
        }
    });
}
