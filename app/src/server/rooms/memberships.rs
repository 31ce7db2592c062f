//! Joining, leaving, inviting and removing. Each change is committed and announced in the
//! writer's turn, so it is ordered with the room's messages: a member who left hears nothing
//! posted after they left.
use crate::server::{
    db,
    rooms::{self, Access, GENERAL},
    AppState,
};
use crate::{
    model::{LiveEvent, Me, Member, RoomKind},
    AppError,
};

/// The ids of the rooms `me` belongs to.
pub async fn room_ids_of(state: &AppState, me: &Me) -> Result<Vec<i64>, AppError> {
    db::memberships::room_ids_of(&state.pool, me.id).await
}

pub async fn join(state: &AppState, me: &Me, slug: &str) -> Result<(), AppError> {
    me.must_have_account()?;
    let access = rooms::readable(state, me, slug).await?;
    let member = Member {
        id: me.id,
        username: me.username.clone(),
        display_name: me.display_name.clone(),
        online: false,
    };
    add(state, &access, member).await
}

/// Any member may invite someone to a public or private room.
pub async fn invite(state: &AppState, me: &Me, slug: &str, username: &str) -> Result<(), AppError> {
    let access = rooms::readable(state, me, slug).await?.require_member()?;
    if access.room.kind == RoomKind::Direct {
        return Err(AppError::NotAllowed);
    }
    state.post_rate.check(me.id)?;
    let invitee = db::users::by_username(&state.pool, username)
        .await?
        .ok_or(AppError::PersonNotFound)?;
    if crate::rules::is_guest(&invitee.username) {
        return Err(AppError::GuestNotAllowed);
    }
    add(state, &access, invitee).await
}

pub async fn leave(state: &AppState, me: &Me, slug: &str) -> Result<(), AppError> {
    let access = rooms::readable(state, me, slug).await?.require_member()?;
    remove_member(state, &access, me.id).await
}

/// The room's creator or an admin may remove a member.
pub async fn remove(state: &AppState, me: &Me, slug: &str, username: &str) -> Result<(), AppError> {
    let access = rooms::readable(state, me, slug).await?.require_member()?;
    if !(me.is_admin || access.room.created_by == Some(me.id)) {
        return Err(AppError::NotAllowed);
    }
    let member = db::memberships::member(&state.pool, access.room.id, username)
        .await?
        .ok_or(AppError::PersonNotFound)?;
    remove_member(state, &access, member.id).await
}

/// A new account was put in `general` when it was stored: tell the room, so its members see
/// them (and can mention them) without reloading.
pub async fn announce_new_account(state: &AppState, me: &Me) -> Result<(), AppError> {
    let general = db::rooms::by_slug(&state.pool, GENERAL)
        .await?
        .ok_or(AppError::RoomNotFound)?;
    let _turn = state.writer.turn().await;
    state.hub.memberships_changed();
    let joined = LiveEvent::MemberJoined {
        room: GENERAL.to_owned(),
        member: Member {
            id: me.id,
            username: me.username.clone(),
            display_name: me.display_name.clone(),
            online: false,
        },
    };
    state.relay.publish(general.id, &joined).await;
    Ok(())
}

async fn add(state: &AppState, access: &Access, mut member: Member) -> Result<(), AppError> {
    let room = &access.room;
    let _turn = state.writer.turn().await;
    member.online = state.presence.is_online(member.id);
    let user_id = member.id;
    let joined = LiveEvent::MemberJoined {
        room: room.slug.clone(),
        member,
    };
    let note = state.relay.note_for_room(room.id, &joined);
    if db::memberships::add(&state.pool, room.id, user_id, note.as_deref()).await? {
        state.hub.memberships_changed();
        state.hub.publish(room.id, &joined);
        rooms::tell_added(state, room, user_id).await?;
    }
    Ok(())
}

async fn remove_member(state: &AppState, access: &Access, user_id: i64) -> Result<(), AppError> {
    let room = &access.room;
    if room.slug == GENERAL {
        return Err(AppError::KeptRoom);
    }
    if room.kind == RoomKind::Direct {
        return Err(AppError::NotAllowed);
    }
    let _turn = state.writer.turn().await;
    let left = LiveEvent::MemberLeft {
        room: room.slug.clone(),
        user_id,
    };
    let note = state.relay.note_for_room(room.id, &left);
    if db::memberships::remove(&state.pool, room.id, user_id, note.as_deref()).await? {
        state.hub.memberships_changed();
        state.hub.publish(room.id, &left);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
