//! Password checks behind the throttle: the throttle first (cheap, before any hashing), then
//! the password, then the throttle learns how it went. Signing in, changing the password and
//! deleting the account all pass here.
use std::future::Future;

use crate::server::{
    accounts,
    accounts::known_devices,
    accounts::sign_in_throttle::{Attempt, Outcome},
    web::request,
    AppState,
};
use crate::{model::Me, AppError};

pub async fn through_throttle(
    state: &AppState,
    username: &str,
    password: &str,
) -> Result<Me, AppError> {
    let headers = request::request_headers();
    let attempt = Attempt {
        username,
        address: request::client_address(state.settings.behind_proxy),
        known_device: known_devices::is_known(&state.pool, &headers, username.trim()).await,
    };
    throttled(
        state,
        attempt,
        accounts::sign_in(&state.pool, username, password),
    )
    .await
}

/// Checks a signed-in account's password (to change it, or to delete the account): a stolen
/// session gets no more guesses than a stranger at the sign-in form.
pub async fn check_own_password<F>(state: &AppState, me: &Me, check: F) -> Result<(), AppError>
where
    F: Future<Output = Result<(), AppError>>,
{
    let attempt = Attempt {
        username: &me.username,
        address: request::client_address(state.settings.behind_proxy),
        known_device: false,
    };
    throttled(state, attempt, check).await
}

/// Runs `check` if the throttle lets `attempt` through (429 with `Retry-After` otherwise).
async fn throttled<T>(
    state: &AppState,
    attempt: Attempt<'_>,
    check: impl Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let reservation = match state.sign_in_throttle.reserve(&attempt) {
        Ok(reservation) => reservation,
        Err(wait) => {
            request::retry_after(wait);
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
