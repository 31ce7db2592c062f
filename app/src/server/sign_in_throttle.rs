//! Sign-in throttling. Failed sign-ins are counted per account and per address in windows of
//! 15 minutes; past the limit, attempts are refused with 429 and `Retry-After` until the window
//! ends, before any password is checked (so it stays cheap: one lock, two map lookups).
//!
//! An attacker could keep a real person's account over its limit forever by failing on purpose.
//! So failures from a browser that has signed in to the account before (a known device) count
//! only against their address: the owner keeps signing in from the browsers they use, whatever a
//! stranger does elsewhere.
use std::{collections::HashMap, net::IpAddr, sync::Mutex, time::Duration};

use tokio::time::Instant;

/// Failures one account may take in a window (from browsers it does not know).
pub const ACCOUNT_LIMIT: u32 = 10;
/// Failures one address may make in a window, over all accounts (a shared school network
/// has room for a class that mistypes).
pub const ADDRESS_LIMIT: u32 = 50;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Past this many tracked keys, expired ones are swept on the next failure.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

struct Strikes {
    count: u32,
    since: Instant,
}

#[derive(Default)]
pub struct SignInThrottle {
    strikes: Mutex<HashMap<Key, Strikes>>,
}

/// One sign-in attempt as the throttle sees it.
pub struct Attempt<'a> {
    pub username: &'a str,
    pub address: Option<IpAddr>,
    /// The browser has signed in to this account before.
    pub known_device: bool,
}

impl Attempt<'_> {
    fn keys(&self) -> impl Iterator<Item = (Key, u32)> {
        let account = (!self.known_device).then(|| {
            (
                Key::Account(self.username.trim().to_lowercase()),
                ACCOUNT_LIMIT,
            )
        });
        let address = self.address.map(|a| (Key::Address(a), ADDRESS_LIMIT));
        account.into_iter().chain(address)
    }
}

impl SignInThrottle {
    /// Refuses the attempt while its account or address is over the limit: `Err(wait)`.
    pub fn check(&self, attempt: &Attempt) -> Result<(), Duration> {
        let now = Instant::now();
        let strikes = self.strikes.lock().unwrap_or_else(|e| e.into_inner());
        let wait = attempt
            .keys()
            .filter_map(|(key, limit)| {
                let s = strikes.get(&key)?;
                let ends = s.since + WINDOW;
                (s.count >= limit && ends > now).then(|| ends - now)
            })
            .max();
        wait.map_or(Ok(()), Err)
    }

    pub fn failed(&self, attempt: &Attempt) {
        let now = Instant::now();
        let mut strikes = self.strikes.lock().unwrap_or_else(|e| e.into_inner());
        if strikes.len() > SWEEP_ABOVE {
            strikes.retain(|_, s| s.since + WINDOW > now);
        }
        for (key, _) in attempt.keys() {
            let s = strikes.entry(key).or_insert(Strikes {
                count: 0,
                since: now,
            });
            if s.since + WINDOW <= now {
                *s = Strikes {
                    count: 0,
                    since: now,
                };
            }
            s.count += 1;
        }
    }

    /// The right password clears the account's failures (not the address's: one good account
    /// must not let an address go on guessing others).
    pub fn succeeded(&self, attempt: &Attempt) {
        let key = Key::Account(attempt.username.trim().to_lowercase());
        let mut strikes = self.strikes.lock().unwrap_or_else(|e| e.into_inner());
        strikes.remove(&key);
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

    fn retry_after(result: Result<(), Duration>) -> u64 {
        result.expect_err("expected a refusal").as_secs()
    }

    #[tokio::test(start_paused = true)]
    async fn an_account_is_refused_after_its_limit_until_the_window_ends() {
        let throttle = SignInThrottle::default();
        for i in 0..ACCOUNT_LIMIT {
            // Each failure from a different address: only the account's count can trip.
            let attempt = from(&format!("192.0.2.{i}"), false);
            assert_eq!(throttle.check(&attempt), Ok(()));
            throttle.failed(&attempt);
        }
        let next = from("198.51.100.7", false);
        assert_eq!(retry_after(throttle.check(&next)), WINDOW.as_secs());
        tokio::time::advance(WINDOW - Duration::from_secs(60)).await;
        assert_eq!(retry_after(throttle.check(&next)), 60);
        tokio::time::advance(Duration::from_secs(60)).await;
        assert_eq!(throttle.check(&next), Ok(()));
    }

    #[tokio::test(start_paused = true)]
    async fn a_known_device_is_not_locked_out_by_failures_elsewhere() {
        let throttle = SignInThrottle::default();
        for _ in 0..ACCOUNT_LIMIT {
            throttle.failed(&from("203.0.113.66", false));
        }
        assert!(throttle.check(&from("192.0.2.1", false)).is_err());
        assert_eq!(throttle.check(&from("192.0.2.1", true)), Ok(()));
    }

    #[tokio::test(start_paused = true)]
    async fn an_address_is_refused_after_its_limit_whatever_the_account() {
        let throttle = SignInThrottle::default();
        for i in 0..ADDRESS_LIMIT {
            let name = format!("user{i}");
            throttle.failed(&Attempt {
                username: &name,
                address: Some("203.0.113.66".parse().unwrap()),
                known_device: true,
            });
        }
        assert!(throttle.check(&from("203.0.113.66", true)).is_err());
        assert_eq!(throttle.check(&from("192.0.2.1", false)), Ok(()));
    }

    #[tokio::test(start_paused = true)]
    async fn the_right_password_clears_the_accounts_failures() {
        let throttle = SignInThrottle::default();
        for _ in 0..ACCOUNT_LIMIT - 1 {
            throttle.failed(&from("192.0.2.1", false));
        }
        throttle.succeeded(&from("192.0.2.1", false));
        throttle.failed(&from("192.0.2.1", false));
        assert_eq!(throttle.check(&from("192.0.2.1", false)), Ok(()));
    }
}
