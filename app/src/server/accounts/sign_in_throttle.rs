//! Password throttling, for signing in and for every other password check (changing the
//! password, deleting the account). Failed checks are counted per account and per address in
//! windows of 15 minutes; past the limit, attempts are refused with 429 and `Retry-After` until
//! the window ends, before any password is hashed (so it stays cheap: one lock, two lookups).
//!
//! An attempt is counted when it starts, not when its hash is done: it reserves its place, and
//! settles as a failure (kept), a success or an error (given back). So a hundred guesses at once
//! get the same ten tries as a hundred in a row.
//!
//! An attacker could keep a real person's account over its limit forever by failing on purpose,
//! from one address or many. So a browser that has signed in to the account before (a known
//! device) is counted apart, against the account alone: the owner keeps signing in from the
//! browsers they use, whatever a stranger does elsewhere or on their shared network.
use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::time::Instant;

/// Failures one account may take in a window, from browsers it does not know (and, apart,
/// from the browsers it knows).
pub const ACCOUNT_LIMIT: u32 = 10;
/// Failures one address may make in a window, over all accounts (a shared school network
/// has room for a class that mistypes).
pub const ADDRESS_LIMIT: u32 = 50;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Past this many tracked keys, expired ones are swept on the next attempt.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    /// The account, tried from one of its own browsers.
    KnownDevice(String),
    Address(IpAddr),
}

struct Strikes {
    /// Failures in this window.
    count: u32,
    /// Attempts still being checked.
    pending: u32,
    since: Instant,
}

#[derive(Default)]
pub struct SignInThrottle {
    strikes: Mutex<HashMap<Key, Strikes>>,
}

/// One password attempt as the throttle sees it.
pub struct Attempt<'a> {
    pub username: &'a str,
    pub address: Option<IpAddr>,
    /// The browser has signed in to this account before.
    pub known_device: bool,
}

impl Attempt<'_> {
    fn keys(&self) -> Vec<(Key, u32)> {
        let account = self.username.trim().to_lowercase();
        if self.known_device {
            return vec![(Key::KnownDevice(account), ACCOUNT_LIMIT)];
        }
        let address = self.address.map(|a| (Key::Address(a), ADDRESS_LIMIT));
        std::iter::once((Key::Account(account), ACCOUNT_LIMIT))
            .chain(address)
            .collect()
    }
}

/// How a password check went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Right,
    Wrong,
    /// The check did not happen (an unknown account is `Wrong`; this is an error of ours).
    Undecided,
}

impl SignInThrottle {
    /// Takes a place for an attempt, or refuses it while its account or address is at its limit
    /// (counting attempts still being checked): `Err(wait)`.
    pub fn reserve(self: &Arc<Self>, attempt: &Attempt) -> Result<Reservation, Duration> {
        let now = Instant::now();
        let keys = attempt.keys();
        let mut strikes = self.lock();
        if strikes.len() > SWEEP_ABOVE {
            strikes.retain(|_, s| s.since + WINDOW > now || s.pending > 0);
        }
        let wait = keys
            .iter()
            .filter_map(|(key, limit)| {
                let s = strikes.get(key)?;
                let ends = s.since + WINDOW;
                let live = ends > now;
                let used = if live { s.count } else { 0 } + s.pending;
                (used >= *limit).then(|| if live { ends - now } else { WINDOW })
            })
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        for (key, _) in &keys {
            let s = strikes.entry(key.clone()).or_insert(Strikes {
                count: 0,
                pending: 0,
                since: now,
            });
            if s.since + WINDOW <= now {
                s.count = 0;
                s.since = now;
            }
            s.pending += 1;
        }
        Ok(Reservation {
            throttle: self.clone(),
            account: attempt.username.trim().to_lowercase(),
            keys: keys.into_iter().map(|(key, _)| key).collect(),
            settled: false,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Strikes>> {
        self.strikes.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// An attempt's place, held while its password is checked.
pub struct Reservation {
    throttle: Arc<SignInThrottle>,
    account: String,
    keys: Vec<Key>,
    settled: bool,
}

impl Reservation {
    /// A wrong password stays counted; the right one clears its account's failures, from its
    /// own browsers and from others (not the address's: one good account must not let an
    /// address go on guessing others).
    pub fn settle(mut self, outcome: Outcome) {
        self.settled = true;
        let mut strikes = self.throttle.lock();
        for key in &self.keys {
            if let Some(s) = strikes.get_mut(key) {
                s.pending = s.pending.saturating_sub(1);
                if outcome == Outcome::Wrong {
                    s.count += 1;
                }
            }
        }
        if outcome == Outcome::Right {
            for key in [
                Key::Account(self.account.clone()),
                Key::KnownDevice(self.account.clone()),
            ] {
                if let Some(s) = strikes.get_mut(&key) {
                    s.count = 0;
                }
            }
        }
    }
}

impl Drop for Reservation {
    /// An attempt dropped before it settled (a request cancelled) gives its place back.
    fn drop(&mut self) {
        if !self.settled {
            let mut strikes = self.throttle.lock();
            for key in &self.keys {
                if let Some(s) = strikes.get_mut(key) {
                    s.pending = s.pending.saturating_sub(1);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(address: &str, known_device: bool) -> Attempt<'static> {
        Attempt {
            username: "Alice",
            address: Some(address.parse().unwrap()),
            known_device,
        }
    }

    fn fail(throttle: &Arc<SignInThrottle>, attempt: &Attempt) {
        throttle.reserve(attempt).unwrap().settle(Outcome::Wrong);
    }

    fn retry_after(result: Result<Reservation, Duration>) -> u64 {
        result.err().expect("expected a refusal").as_secs()
    }

    #[tokio::test(start_paused = true)]
    async fn an_account_is_refused_after_its_limit_until_the_window_ends() {
        let throttle = Arc::new(SignInThrottle::default());
        for i in 0..ACCOUNT_LIMIT {
            // Each failure from a different address: only the account's count can trip.
            fail(&throttle, &from(&format!("192.0.2.{i}"), false));
        }
        let next = from("198.51.100.7", false);
        assert_eq!(retry_after(throttle.reserve(&next)), WINDOW.as_secs());
        tokio::time::advance(WINDOW - Duration::from_secs(60)).await;
        assert_eq!(retry_after(throttle.reserve(&next)), 60);
        tokio::time::advance(Duration::from_secs(60)).await;
        assert!(throttle.reserve(&next).is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn attempts_at_once_count_before_their_passwords_are_checked() {
        let throttle = Arc::new(SignInThrottle::default());
        let held: Vec<Reservation> = (0..ACCOUNT_LIMIT)
            .map(|i| {
                throttle
                    .reserve(&from(&format!("192.0.2.{i}"), false))
                    .unwrap()
            })
            .collect();
        assert!(throttle.reserve(&from("192.0.2.200", false)).is_err());
        // Given back undecided (or dropped), the places are free again.
        for reservation in held {
            reservation.settle(Outcome::Undecided);
        }
        let again = throttle.reserve(&from("192.0.2.200", false)).unwrap();
        drop(again);
        assert!(throttle.reserve(&from("192.0.2.201", false)).is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn a_known_device_is_not_locked_out_by_failures_elsewhere_or_on_its_network() {
        let throttle = Arc::new(SignInThrottle::default());
        for _ in 0..ACCOUNT_LIMIT {
            fail(&throttle, &from("203.0.113.66", false));
        }
        for i in 0..ADDRESS_LIMIT {
            let name = format!("user{i}");
            let attempt = Attempt {
                username: &name,
                address: Some("192.0.2.1".parse().unwrap()),
                known_device: false,
            };
            let _ = throttle.reserve(&attempt).map(|r| r.settle(Outcome::Wrong));
        }
        assert!(throttle.reserve(&from("192.0.2.1", false)).is_err());
        assert!(throttle.reserve(&from("192.0.2.1", true)).is_ok());
        // Its own tries are limited all the same.
        for _ in 0..ACCOUNT_LIMIT {
            fail(&throttle, &from("192.0.2.1", true));
        }
        assert!(throttle.reserve(&from("192.0.2.1", true)).is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn an_address_is_refused_after_its_limit_whatever_the_account() {
        let throttle = Arc::new(SignInThrottle::default());
        for i in 0..ADDRESS_LIMIT {
            let name = format!("user{i}");
            fail(
                &throttle,
                &Attempt {
                    username: &name,
                    address: Some("203.0.113.66".parse().unwrap()),
                    known_device: false,
                },
            );
        }
        assert!(throttle.reserve(&from("203.0.113.66", false)).is_err());
        assert!(throttle.reserve(&from("192.0.2.1", false)).is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn the_right_password_clears_the_accounts_failures() {
        let throttle = Arc::new(SignInThrottle::default());
        for _ in 0..ACCOUNT_LIMIT - 1 {
            fail(&throttle, &from("192.0.2.1", false));
        }
        let right = throttle.reserve(&from("192.0.2.1", false)).unwrap();
        right.settle(Outcome::Right);
        fail(&throttle, &from("192.0.2.1", false));
        assert!(throttle.reserve(&from("192.0.2.1", false)).is_ok());
    }
}
