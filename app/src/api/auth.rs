use leptos::prelude::*;

use crate::AppError;

#[server(endpoint = "sign_up")]
pub async fn sign_up(
    username: String,
    display_name: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{accounts, rooms::memberships, AppState};

    let state = AppState::from_context()?;
    let result = async {
        let me = accounts::sign_up(&state.pool, &username, &display_name, &password).await?;
        memberships::announce_new_account(&state, &me).await?;
        start_session(&state, me.id).await
    }
    .await;
    let kept = [
        ("username", username.as_str()),
        ("display_name", display_name.as_str()),
    ];
    go_on(result, "/signup", &kept, next.as_deref())
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{accounts::sign_in, web::request, AppState};

    let state = AppState::from_context()?;
    let headers = request::request_headers();
    let result = async {
        let knock = request::knock(&state, &headers);
        let me = sign_in::through_throttle(&state, &knock, &username, &password).await?;
        start_session(&state, me.id).await
    }
    .await;
    go_on(
        result,
        "/signin",
        &[("username", username.as_str())],
        next.as_deref(),
    )
}

/// Whether this server lets visitors in as guests (the sign-in page offers it then).
#[server(endpoint = "guest_access")]
pub async fn guest_access() -> Result<bool, AppError> {
    use crate::server::AppState;

    Ok(AppState::from_context()?.settings.guests)
}

/// Enters general as a guest with `nickname`, or a generated name if it is blank.
#[server(endpoint = "enter_as_guest")]
pub async fn enter_as_guest(nickname: String) -> Result<(), AppError> {
    use crate::server::{rooms::guests, web::no_js, web::request, AppState};

    let state = AppState::from_context()?;
    let result = async {
        let address = request::client_address(state.settings.behind_proxy);
        let guest = guests::enter(&state, Some(&nickname), address).await?;
        start_session(&state, guest.id).await
    }
    .await;
    let back = no_js::with_query("/signin", &[("form", "guest")]);
    no_js::report(result, &back)?;
    leptos_axum::redirect("/rooms/general");
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{
        accounts::sessions,
        web::request::{request_headers, set_cookie},
        AppState,
    };

    let state = AppState::from_context()?;
    let headers = request_headers();
    let secure = sessions::secure_cookies(state.settings.secure_cookies, &headers);
    let cookie = sessions::end(&state.pool, &headers, secure).await?;
    set_cookie(&cookie);
    leptos_axum::redirect("/signin");
    Ok(())
}

/// Both account forms end alike: on success go to `next`; a plain form that failed goes back
/// to `form` with the error and the `kept` fields (never the password).
#[cfg(feature = "ssr")]
fn go_on(
    result: Result<(), AppError>,
    form: &str,
    kept: &[(&str, &str)],
    next: Option<&str>,
) -> Result<(), AppError> {
    use crate::server::web::no_js;

    let mut back = kept.to_vec();
    back.extend(next.map(|n| ("next", n)));
    no_js::report(result, &no_js::with_query(form, &back))?;
    leptos_axum::redirect(&super::local_path(next));
    Ok(())
}

/// Replaces any session the browser already had (a fresh id on every sign-in), and remembers
/// the browser as one this account uses.
#[cfg(feature = "ssr")]
async fn start_session(state: &crate::server::AppState, user_id: i64) -> Result<(), AppError> {
    use crate::server::{
        accounts::known_devices,
        accounts::sessions,
        web::request::{request_headers, set_cookie},
    };

    let headers = request_headers();
    let secure = sessions::secure_cookies(state.settings.secure_cookies, &headers);
    sessions::end(&state.pool, &headers, secure).await?;
    set_cookie(&sessions::start(&state.pool, user_id, &headers, secure).await?);
    if let Some(device) = known_devices::remember(&state.pool, &headers, user_id, secure).await? {
        set_cookie(&device);
    }
    Ok(())
}
