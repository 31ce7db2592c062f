//! Guests (off unless the operator turns them on with `--guests`): a visitor enters `general`
//! with only a nickname, or a generated one. A guest is an account without a password whose
//! username starts with `guest-`; it may read and post in general and nothing more, and its
//! session is its only way back in. Names never carry anything about the visitor (no address).
use std::{net::IpAddr, num::NonZeroU32};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use rand::{seq::SliceRandom, Rng};

use crate::server::{db, random, rooms::memberships, AppState};
use crate::{model::Me, rules, AppError};

/// Guests one address may create: 10 at once, then one every 6 minutes.
pub struct GuestRate(DefaultKeyedRateLimiter<Option<IpAddr>>);

impl Default for GuestRate {
    fn default() -> Self {
        let every = std::time::Duration::from_secs(360);
        let quota = Quota::with_period(every)
            .expect("a period")
            .allow_burst(NonZeroU32::new(10).expect("non-zero"));
        GuestRate(RateLimiter::keyed(quota))
    }
}

/// Creates a guest named `nickname` (or a generated name) in general.
pub async fn enter(
    state: &AppState,
    nickname: Option<&str>,
    address: Option<IpAddr>,
) -> Result<Me, AppError> {
    if !state.settings.guests {
        return Err(AppError::GuestsOff);
    }
    let display_name = match nickname.map(str::trim).filter(|n| !n.is_empty()) {
        Some(nickname) => rules::display_name(nickname)?,
        None => generated_name(),
    };
    state
        .guest_rate
        .0
        .check_key(&address)
        .map_err(|_| AppError::TooFast)?;
    let username = format!("{}{}", rules::GUEST_PREFIX, random::hex::<4>());
    let guest = db::users::insert(&state.pool, &username, &display_name, "").await?;
    memberships::announce_new_account(state, &guest).await?;
    Ok(guest)
}

/// "Guest Sleepy Otter 42": friendly, and about nobody.
fn generated_name() -> String {
    const ADJECTIVES: [&str; 12] = [
        "Quiet", "Curious", "Sleepy", "Brave", "Gentle", "Lucky", "Swift", "Sunny", "Calm",
        "Clever", "Merry", "Bold",
    ];
    const ANIMALS: [&str; 12] = [
        "Otter", "Fox", "Crane", "Panda", "Tanuki", "Owl", "Hare", "Koi", "Sparrow", "Deer",
        "Seal", "Badger",
    ];
    let mut rng = rand::thread_rng();
    format!(
        "Guest {} {} {}",
        ADJECTIVES.choose(&mut rng).unwrap_or(&"Quiet"),
        ANIMALS.choose(&mut rng).unwrap_or(&"Otter"),
        rng.gen_range(10..100)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_are_valid_display_names_and_vary() {
        let names: std::collections::HashSet<String> = (0..50).map(|_| generated_name()).collect();
        assert!(names.len() > 10);
        for name in names {
            assert!(name.starts_with("Guest "), "{name}");
            assert_eq!(rules::display_name(&name).as_deref(), Ok(name.as_str()));
            assert!(
                !name.chars().any(|c| c == '.' || c == ':'),
                "no address in {name}"
            );
        }
    }
}
