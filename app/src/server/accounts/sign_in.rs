//! Password checks behind the throttle: the throttle first (cheap, before any hashing), then
//! the password, then the throttle learns how it went. Signing in, changing the password and
//! deleting the account all pass here.
use std::{future::Future, net::IpAddr, time::Duration};

use axum::http::HeaderMap;

use crate::server::{
    accounts,
    accounts::known_devices,
    accounts::sign_in_throttle::{Attempt, Outcome},
    AppState,
};
use crate::{model::Me, AppError};

/// A password arriving, as the web edge read it off its request: the address the throttle
/// counts by, the headers (a browser that signed in before carries a cookie saying so; a
/// signed-in one, its session), and how to tell the sender when to try again (`Retry-After`).
pub struct Knock<'a> {
    pub address: Option<IpAddr>,
    pub headers: &'a HeaderMap,
    pub told_to_wait: fn(Duration),
}

impl<'a> Knock<'a> {
    /// From no address, with nobody to tell (tests).
    pub fn from_nowhere(headers: &'a HeaderMap) -> Self {
        Knock {
            address: None,
            headers,
            told_to_wait: |_| {},
        }
    }
}

pub async fn through_throttle(
    state: &AppState,
    knock: &Knock<'_>,
    username: &str,
    password: &str,
) -> Result<Me, AppError> {
    let attempt = Attempt {
        username,
        address: knock.address,
        known_device: known_devices::is_known(&state.pool, knock.headers, username.trim()).await,
    };
    throttled(
        state,
        knock,
        attempt,
        accounts::sign_in(&state.pool, username, password),
    )
    .await
}

/// Checks a signed-in account's password (to change it, or to delete the account): a stolen
/// session gets no more guesses than a stranger at the sign-in form.
pub async fn check_own_password<F>(
    state: &AppState,
    knock: &Knock<'_>,
    me: &Me,
    check: F,
) -> Result<(), AppError>
where
    F: Future<Output = Result<(), AppError>>,
{
    let attempt = Attempt {
        username: &me.username,
        address: knock.address,
        known_device: false,
    };
    throttled(state, knock, attempt, check).await
}

/// Runs `check` if the throttle lets `attempt` through (`TooManySignIns` otherwise, and the
/// knock is told how long to wait).
async fn throttled<T>(
    state: &AppState,
    knock: &Knock<'_>,
    attempt: Attempt<'_>,
    check: impl Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let reservation = match state.sign_in_throttle.reserve(&attempt) {
        Ok(reservation) => reservation,
        Err(wait) => {
            (knock.told_to_wait)(wait);
            return Err(AppError::TooManySignIns);
        }
    };
    let result = check.await;
    reservation.settle(match &result {
        Ok(_) => Outcome::Right,
        Err(AppError::WrongCredentials | AppError::WrongPassword) => Outcome::Wrong,
        Err(_) => Outcome::Undecided,
    });
    result
}
