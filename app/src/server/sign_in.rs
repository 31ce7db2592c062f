//! Signing in from a request: the throttle first (cheap, before any password hashing), then the
//! password, then the throttle learns how it went.
use super::{accounts, context, known_devices, sign_in_throttle::Attempt, AppState};
use crate::{model::Me, AppError};

pub async fn through_throttle(
    state: &AppState,
    username: &str,
    password: &str,
) -> Result<Me, AppError> {
    let headers = context::request_headers();
    let attempt = Attempt {
        username,
        address: context::client_address(state.settings.behind_proxy),
        known_device: known_devices::is_known(&state.pool, &headers, username.trim()).await,
    };
    if let Err(wait) = state.sign_in_throttle.check(&attempt) {
        context::retry_after(wait);
        return Err(AppError::TooManySignIns);
    }
    let result = accounts::sign_in(&state.pool, username, password).await;
    match &result {
        Ok(_) => state.sign_in_throttle.succeeded(&attempt),
        Err(AppError::WrongCredentials) => state.sign_in_throttle.failed(&attempt),
        Err(_) => {}
    }
    result
}
