//! Who is online: a person with at least one live socket. Changes are coalesced: once per
//! [`TICK`], every room with listeners gets one frame naming who came and went, however many
//! sockets opened and closed meanwhile, and someone with several tabs counts once. On
//! PostgreSQL each instance also tells the database who has a socket on it, and takes someone
//! as online if any live instance has them (see `db::presence`), so every instance tells its
//! sockets the same.
use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use crate::server::db::Store;
use axum::extract::ws::Utf8Bytes;

use crate::server::{db, live::hub::Hub};
use crate::{model::LiveEvent, AppError};

pub const TICK: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct Presence {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Open sockets per person.
    sockets: HashMap<i64, u32>,
    /// Who the database was last told has a socket here (PostgreSQL).
    synced: HashSet<i64>,
    /// Who the rooms were last told is online.
    announced: HashSet<i64>,
    /// Bumped whenever `announced` changes; snapshots of older ones are stale.
    generation: u64,
    /// Per room: the snapshot and the (generation, membership epoch) it was built at.
    snapshots: HashMap<i64, ((u64, u64), Utf8Bytes)>,
}

/// Keeps its person online while it lives (one per socket).
pub struct Online {
    presence: Arc<Presence>,
    user_id: i64,
}

impl Drop for Online {
    fn drop(&mut self) {
        let mut inner = self.presence.lock();
        if let Some(count) = inner.sockets.get_mut(&self.user_id) {
            *count -= 1;
            if *count == 0 {
                inner.sockets.remove(&self.user_id);
            }
        }
    }
}

impl Presence {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn connect(self: &Arc<Self>, user_id: i64) -> Online {
        *self.lock().sockets.entry(user_id).or_default() += 1;
        Online {
            presence: self.clone(),
            user_id,
        }
    }

    /// As the rooms were last told (a socket opened this second shows at the next tick).
    pub fn is_online(&self, user_id: i64) -> bool {
        self.lock().announced.contains(&user_id)
    }

    /// Who has a socket here.
    fn here(&self) -> HashSet<i64> {
        self.lock().sockets.keys().copied().collect()
    }

    /// Who came online and who went offline since the last call (one instance).
    #[cfg(test)]
    fn take_changes(&self) -> (Vec<i64>, Vec<i64>) {
        let here = self.here();
        self.settle(&here)
    }

    /// Takes `online` as who is online now; returns who came and who went since last time.
    fn settle(&self, online: &HashSet<i64>) -> (Vec<i64>, Vec<i64>) {
        let mut inner = self.lock();
        let came: Vec<i64> = online.difference(&inner.announced).copied().collect();
        let went: Vec<i64> = inner.announced.difference(online).copied().collect();
        if !came.is_empty() || !went.is_empty() {
            inner.announced.clone_from(online);
            inner.generation += 1;
        }
        (came, went)
    }

    /// Who came and went here since the database was last told (`here`, now).
    fn unsynced(&self, here: &HashSet<i64>) -> (Vec<i64>, Vec<i64>) {
        let inner = self.lock();
        let came = here.difference(&inner.synced).copied().collect();
        let went = inner.synced.difference(here).copied().collect();
        (came, went)
    }

    /// Who is online on any instance now, once this one has said who is here.
    async fn everywhere(&self, pool: &Store, instance: &str) -> Result<HashSet<i64>, AppError> {
        let here = self.here();
        if !pool.is_postgres() {
            return Ok(here);
        }
        let (came, went) = self.unsynced(&here);
        db::presence::sync(pool, instance, &came, &went).await?;
        self.lock().synced = here;
        Ok(db::presence::everywhere(pool).await?.into_iter().collect())
    }

    /// The first presence frame for a new socket: everyone in the room online now. Built at
    /// most once per change for each room, however many sockets connect. `membership_epoch`
    /// ([`crate::server::live::hub::Hub::membership_epoch`], read before this call) tells when the room's
    /// members changed.
    pub async fn snapshot(
        &self,
        pool: &Store,
        room_id: i64,
        room: &str,
        membership_epoch: u64,
    ) -> Result<Utf8Bytes, AppError> {
        let built_at = {
            let inner = self.lock();
            let now = (inner.generation, membership_epoch);
            match inner.snapshots.get(&room_id) {
                Some((at, frame)) if *at == now => return Ok(frame.clone()),
                _ => now,
            }
        };
        let members = db::memberships::member_ids(pool, room_id).await?;
        let mut inner = self.lock();
        let online = members
            .into_iter()
            .filter(|id| inner.announced.contains(id))
            .collect();
        let event = LiveEvent::Presence {
            room: room.to_owned(),
            online,
            offline: Vec::new(),
            snapshot: true,
        };
        let frame = Utf8Bytes::from(serde_json::to_string(&event).map_err(|_| AppError::Internal)?);
        // Only cache what is still current: a tick meanwhile makes it old.
        if inner.generation == built_at.0 {
            inner.snapshots.insert(room_id, (built_at, frame.clone()));
        }
        Ok(frame)
    }
}

/// Every tick, tells each followed room who came and went among its members (and drops the
/// hub's channels nobody listens to any more). `instance` names this one to the others.
pub fn start(presence: Arc<Presence>, pool: Store, hub: Arc<Hub>, instance: String) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            hub.sweep();
            let online = match presence.everywhere(&pool, &instance).await {
                Ok(online) => online,
                Err(err) => {
                    tracing::warn!(?err, "could not learn who is online");
                    continue;
                }
            };
            let (came, went) = presence.settle(&online);
            if came.is_empty() && went.is_empty() {
                continue;
            }
            if let Err(err) = announce(&pool, &hub, &came, &went).await {
                tracing::warn!(?err, "could not announce presence");
            }
        }
    });
}

async fn announce(pool: &Store, hub: &Hub, came: &[i64], went: &[i64]) -> Result<(), AppError> {
    let followed: HashSet<i64> = hub.followed_rooms().into_iter().collect();
    if followed.is_empty() {
        return Ok(());
    }
    let changed: Vec<i64> = came.iter().chain(went).copied().collect();
    let came: HashSet<i64> = came.iter().copied().collect();
    let mut by_room: HashMap<(i64, String), (Vec<i64>, Vec<i64>)> = HashMap::new();
    for (room_id, slug, user_id) in db::memberships::rooms_of(pool, &changed).await? {
        if followed.contains(&room_id) {
            let (online, offline) = by_room.entry((room_id, slug)).or_default();
            if came.contains(&user_id) {
                online.push(user_id);
            } else {
                offline.push(user_id);
            }
        }
    }
    for ((room_id, room), (online, offline)) in by_room {
        let event = LiveEvent::Presence {
            room,
            online,
            offline,
            snapshot: false,
        };
        hub.publish(room_id, &event);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_tabs_are_one_person_and_changes_are_coalesced() {
        let presence = Arc::new(Presence::default());
        let tab_one = presence.connect(7);
        let tab_two = presence.connect(7);
        let other = presence.connect(8);
        drop(other);
        assert_eq!(
            presence.take_changes(),
            (vec![7], vec![]),
            "8 came and went within a tick"
        );
        assert!(presence.is_online(7));
        drop(tab_one);
        assert_eq!(
            presence.take_changes(),
            (vec![], vec![]),
            "7 still has a tab open"
        );
        drop(tab_two);
        assert_eq!(presence.take_changes(), (vec![], vec![7]));
        assert!(!presence.is_online(7));
    }
}
