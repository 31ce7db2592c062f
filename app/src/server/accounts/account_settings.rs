//! A person's own account: their name, password, sessions, and deleting it.
use axum::http::HeaderMap;

use crate::server::{
    accounts::sign_in::{self, Knock},
    accounts::{api_tokens, passwords, sessions},
    db, AppState,
};
use crate::{
    model::{AccountSettings, Device, LiveEvent, Me, SessionInfo},
    rules, AppError,
};

/// What the settings page shows.
pub async fn settings(state: &AppState, headers: &HeaderMap) -> Result<AccountSettings, AppError> {
    let (me, current) = sessions::current(&state.pool, headers)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let sessions = db::sessions::of_user(&state.pool, me.id)
        .await?
        .into_iter()
        .map(|s| SessionInfo {
            current: s.public_id == current,
            device: device(&s.user_agent),
            id: s.public_id,
            signed_in_at: s.created_at,
            last_seen_at: s.last_seen_at,
        })
        .collect();
    let tokens = api_tokens::list(state, &me).await?;
    Ok(AccountSettings {
        notification_sound: db::preferences::notification_sound(&state.pool, me.id).await?,
        me,
        sessions,
        tokens,
        new_token: None,
    })
}

pub async fn rename(state: &AppState, me: &Me, display_name: &str) -> Result<(), AppError> {
    let name = rules::display_name(display_name)?;
    db::accounts::set_display_name(&state.pool, me.id, &name).await
}

/// Changes the password after checking the current one; every other session ends (and its
/// sockets close), the one making the change stays signed in, and tokens stay.
pub async fn change_password(
    state: &AppState,
    knock: &Knock<'_>,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let (me, session) = sessions::current(&state.pool, knock.headers)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let new = rules::password(new)?.to_owned();
    check_password(state, knock, &me, current).await?;
    let hash = passwords::hash(new).await?;
    let change = db::accounts::PasswordChange::Own { keep: &session };
    db::accounts::set_password(&state.pool, me.id, &hash, change).await?;
    state.hub.sessions_ended(me.id);
    Ok(())
}

/// Ends one of my sessions (this one too, if I choose it).
pub async fn revoke_session(state: &AppState, me: &Me, id: &str) -> Result<(), AppError> {
    if !db::sessions::revoke(&state.pool, me.id, id).await? {
        return Err(AppError::SessionNotFound);
    }
    state.hub.sessions_ended(me.id);
    Ok(())
}

/// Deletes my account after checking my password: my messages stay, shown as from a deleted
/// user; my sessions end and my sockets close; I leave my rooms. The last admin must hand
/// over first, so an install always has someone who can run it.
pub async fn delete(
    state: &AppState,
    knock: &Knock<'_>,
    me: &Me,
    password: &str,
) -> Result<(), AppError> {
    check_password(state, knock, me, password).await?;
    if me.is_admin && db::users::admin_count(&state.pool).await? <= 1 {
        return Err(AppError::LastAdmin);
    }
    let _turn = state.writer.turn().await;
    let left_as = |room: &str| LiveEvent::MemberLeft {
        room: room.to_owned(),
        user_id: me.id,
    };
    let notes = |left: &[(i64, String)]| {
        left.iter()
            .filter_map(|(room_id, room)| state.relay.note_for_room(*room_id, &left_as(room)))
            .collect()
    };
    let left = db::accounts::delete(&state.pool, me.id, notes).await?;
    state.hub.memberships_changed();
    state.hub.sessions_ended(me.id);
    for (room_id, room) in left {
        state.hub.publish(room_id, &left_as(&room));
    }
    Ok(())
}

/// The account's own password, checked behind the sign-in throttle.
async fn check_password(
    state: &AppState,
    knock: &Knock<'_>,
    me: &Me,
    password: &str,
) -> Result<(), AppError> {
    sign_in::check_own_password(state, knock, me, async {
        let hash = db::accounts::password_hash(&state.pool, me.id).await?;
        match passwords::verify(password.to_owned(), hash).await? {
            true => Ok(()),
            false => Err(AppError::WrongPassword),
        }
    })
    .await
}

/// Firefox and Linux, from a `User-Agent`; a client woothee does not know is named by the
/// first word of it (`curl/8.5` is curl).
fn device(user_agent: &str) -> Device {
    let Some(ua) = woothee::parser::Parser::new().parse(user_agent) else {
        let client = user_agent.split('/').next().filter(|s| !s.is_empty());
        return Device {
            browser: client.map(|c| c.chars().take(40).collect()),
            os: None,
        };
    };
    Device {
        browser: Some(ua.name.to_owned()),
        os: (ua.os != "UNKNOWN").then(|| ua.os.to_owned()),
    }
}

#[cfg(test)]
mod tests;
