//! The reader's preferences: language (their account's, and this browser's), theme (this
//! browser's), and how desktop notifications behave.
use axum::http::HeaderMap;

use crate::server::{accounts::sessions, db, rooms, web::page_context, AppState};
use crate::{
    error::Invalid,
    i18n::Lang,
    model::{Me, Notify, Theme},
    AppError,
};

/// `en`, `ja`, or `auto` (follow the browser). Stored on the account when signed in, so every
/// browser of theirs follows; returns the cookie that keeps it for this browser too.
pub async fn set_language(
    state: &AppState,
    headers: &HeaderMap,
    code: &str,
) -> Result<String, AppError> {
    let lang = match code {
        "auto" => None,
        code => Some(Lang::from_code(code).ok_or(Invalid::Language)?),
    };
    if let Some(me) = sessions::user(&state.pool, headers).await? {
        db::preferences::set_language(&state.pool, me.id, lang).await?;
    }
    let secure = sessions::secure_cookies(state.settings.secure_cookies, headers);
    Ok(page_context::preference_cookie(
        page_context::LANG_COOKIE,
        lang.map(Lang::code),
        secure,
    ))
}

/// `system`, `light` or `dark`, for this browser; returns the theme and its cookie.
pub fn set_theme(
    state: &AppState,
    headers: &HeaderMap,
    code: &str,
) -> Result<(Theme, String), AppError> {
    let theme = Theme::from_code(code).ok_or(Invalid::Theme)?;
    let secure = sessions::secure_cookies(state.settings.secure_cookies, headers);
    let value = (theme != Theme::System).then(|| theme.code());
    let cookie = page_context::preference_cookie(page_context::THEME_COOKIE, value, secure);
    Ok((theme, cookie))
}

/// `all`, `mentions` or `nothing`: which messages in a room of theirs notify a member.
pub async fn set_room_notify(
    state: &AppState,
    me: &Me,
    slug: &str,
    code: &str,
) -> Result<Notify, AppError> {
    let notify = Notify::from_code(code).ok_or(Invalid::Notify)?;
    let access = rooms::readable(state, me, slug).await?.require_member()?;
    db::preferences::set_notify(&state.pool, access.room.id, me.id, notify).await?;
    Ok(notify)
}

/// Whether desktop notifications make a sound, on every browser of theirs.
pub async fn set_sound(state: &AppState, me: &Me, on: bool) -> Result<(), AppError> {
    db::preferences::set_notification_sound(&state.pool, me.id, on).await
}

#[cfg(test)]
mod tests;
