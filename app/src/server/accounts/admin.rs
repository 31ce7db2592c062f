//! Admin work on accounts, for the admin page and the `kaiwa admin` commands: list, deactivate
//! and reactivate (open sockets close at once), promote, create, and reset a password.
use crate::server::db::Store;

use crate::server::{accounts, accounts::passwords, db, AppState};
use crate::{
    error::Invalid,
    model::{Me, UserEntry},
    rules, AppError,
};

fn require_admin(me: &Me) -> Result<(), AppError> {
    match me.is_admin {
        true => Ok(()),
        false => Err(AppError::AdminOnly),
    }
}

pub async fn users(state: &AppState, me: &Me) -> Result<Vec<UserEntry>, AppError> {
    require_admin(me)?;
    db::admin::users(&state.pool).await
}

/// Every account, for `kaiwa admin users` (whoever runs the binary on the server is trusted).
pub async fn all_users(pool: &Store) -> Result<Vec<UserEntry>, AppError> {
    db::admin::users(pool).await
}

/// A consistent copy of the live database at `file` (a new file, readable by its owner only).
pub async fn backup(pool: &Store, file: &std::path::Path) -> Result<(), AppError> {
    db::backup(pool, file).await.map_err(|err| match err {
        sqlx::Error::Io(io) => AppError::BadRequest(io.to_string()),
        other => other.into(),
    })
}

/// Deactivates someone else's account: they cannot sign in, their sessions end, their tokens
/// stop working and their sockets close now. Their messages stay.
pub async fn deactivate(state: &AppState, me: &Me, username: &str) -> Result<(), AppError> {
    require_admin(me)?;
    let account = account(&state.pool, username).await?;
    if account.id == me.id {
        return Err(Invalid::Yourself.into());
    }
    db::admin::set_deactivated(&state.pool, account.id, true).await?;
    state.hub.sessions_ended(account.id);
    Ok(())
}

pub async fn reactivate(state: &AppState, me: &Me, username: &str) -> Result<(), AppError> {
    require_admin(me)?;
    let account = account(&state.pool, username).await?;
    db::admin::set_deactivated(&state.pool, account.id, false).await
}

async fn account(pool: &Store, username: &str) -> Result<Me, AppError> {
    db::admin::account(pool, username)
        .await?
        .ok_or(AppError::PersonNotFound)
}

// The commands below run from the shell (`kaiwa admin …`): whoever can run them owns the data.

/// Creates an account (an admin one if asked, or if it is the first).
pub async fn create_user(
    pool: &Store,
    username: &str,
    display_name: &str,
    password: &str,
    admin: bool,
) -> Result<Me, AppError> {
    let me = accounts::sign_up(pool, username, display_name, password).await?;
    if admin && !me.is_admin {
        db::admin::set_admin(pool, me.id, true).await?;
        return Ok(Me {
            is_admin: true,
            ..me
        });
    }
    Ok(me)
}

/// Sets a new password and ends every session and token (recovery without e-mail, perhaps
/// after a theft); a running server closes their sockets within a second.
pub async fn reset_password(pool: &Store, username: &str, password: &str) -> Result<Me, AppError> {
    let me = account(pool, username).await?;
    let hash = passwords::hash(rules::password(password)?.to_owned()).await?;
    db::accounts::set_password(pool, me.id, &hash, db::accounts::PasswordChange::Reset).await?;
    Ok(me)
}

/// Makes someone an admin, or (with `admin` false) takes it back, never from the last admin.
pub async fn promote(pool: &Store, username: &str, admin: bool) -> Result<Me, AppError> {
    let me = account(pool, username).await?;
    if !admin && me.is_admin && db::users::admin_count(pool).await? <= 1 {
        return Err(AppError::LastAdmin);
    }
    db::admin::set_admin(pool, me.id, admin).await?;
    Ok(Me {
        is_admin: admin,
        ..me
    })
}
