//! Someone's page: who they are, whether they are online, and the rooms we share.
use crate::server::{db, AppState};
use crate::{
    model::{Me, Person},
    AppError,
};

pub async fn person(state: &AppState, me: &Me, username: &str) -> Result<Person, AppError> {
    let found = db::users::by_username(&state.pool, username)
        .await?
        .ok_or(AppError::PersonNotFound)?;
    Ok(Person {
        online: found.id == me.id || state.presence.is_online(found.id),
        is_me: found.id == me.id,
        shared_rooms: db::rooms::shared(&state.pool, me.id, found.id).await?,
        username: found.username,
        display_name: found.display_name,
    })
}
