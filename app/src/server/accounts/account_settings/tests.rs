//! Settings as sentences over alice (admin), bob and carol.
use axum::http::{header, HeaderMap};
use sqlx::SqlitePool;

use super::*;
use crate::{
    error::Invalid,
    server::{
        accounts,
        fixtures::{decode, kaiwa, room_id},
        messages::post,
    },
};

/// A knock from no address with no cookies (the password checks' throttle counts by account).
fn nowhere() -> Knock<'static> {
    static NONE: std::sync::LazyLock<HeaderMap> = std::sync::LazyLock::new(HeaderMap::new);
    Knock::from_nowhere(&NONE)
}

/// Bob's password in these tests (the fixtures store a placeholder hash).
const BOBS: &str = "bobs-password-1";

/// Signs `who` in on a device: the request headers that carry the new session.
async fn signed_in(state: &AppState, who: &Me, device: &str) -> HeaderMap {
    let mut request = HeaderMap::new();
    request.insert(header::USER_AGENT, device.parse().unwrap());
    let set_cookie = sessions::start(&state.pool, who.id, &request, false)
        .await
        .unwrap();
    let pair = set_cookie.split(';').next().unwrap().to_owned();
    request.insert(header::COOKIE, pair.parse().unwrap());
    request
}

async fn with_password(state: &AppState, who: &Me, password: &str) {
    let hash = passwords::hash(password.to_owned()).await.unwrap();
    db::accounts::set_password(
        &state.pool,
        who.id,
        &hash,
        db::accounts::PasswordChange::Reset,
    )
    .await
    .unwrap();
}

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

fn device(browser: &str, os: &str) -> Device {
    Device {
        browser: Some(browser.to_owned()),
        os: Some(os.to_owned()),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn settings_list_my_sessions_by_device_with_this_one_marked(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let laptop = signed_in(&k.state, &k.bob, FIREFOX).await;
    signed_in(&k.state, &k.bob, IPHONE).await;
    signed_in(&k.state, &k.alice, FIREFOX).await;
    let page = settings(&k.state, &laptop).await.unwrap();
    assert_eq!(page.me.username, "bob");
    let mut devices: Vec<(Device, bool)> = page
        .sessions
        .iter()
        .map(|s| (s.device.clone(), s.current))
        .collect();
    devices.sort();
    assert_eq!(
        devices,
        [
            (device("Firefox", "Linux"), true),
            (device("Safari", "iPhone"), false)
        ]
    );
    assert!(page.sessions.iter().all(|s| s.last_seen_at.ends_with('Z')));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn renaming_checks_the_name_and_keeps_it(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    rename(&k.state, &k.bob, "  ボブ・スミス ").await.unwrap();
    let bob = db::users::by_username(&k.state.pool, "bob")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bob.display_name, "ボブ・スミス");
    assert_eq!(
        rename(&k.state, &k.bob, "   ").await,
        Err(Invalid::DisplayName.into())
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn changing_the_password_needs_the_current_one_and_signs_out_every_other_session(
    pool: SqlitePool,
) {
    let k = kaiwa(pool).await;
    with_password(&k.state, &k.bob, BOBS).await;
    let laptop = signed_in(&k.state, &k.bob, FIREFOX).await;
    let phone = signed_in(&k.state, &k.bob, IPHONE).await;
    let alices = signed_in(&k.state, &k.alice, FIREFOX).await;
    let mut bobs_sockets = k.state.hub.subscribe_person(k.bob.id);

    let wrong = change_password(
        &k.state,
        &Knock::from_nowhere(&laptop),
        "not-it-at-all",
        "new-password-2",
    )
    .await;
    assert_eq!(wrong, Err(AppError::WrongPassword));
    let short = change_password(&k.state, &Knock::from_nowhere(&laptop), BOBS, "short").await;
    assert_eq!(short, Err(Invalid::Password.into()));
    assert!(sessions::user(&k.state.pool, &phone)
        .await
        .unwrap()
        .is_some());

    change_password(
        &k.state,
        &Knock::from_nowhere(&laptop),
        BOBS,
        "new-password-2",
    )
    .await
    .unwrap();
    assert!(sessions::user(&k.state.pool, &laptop)
        .await
        .unwrap()
        .is_some());
    assert!(sessions::user(&k.state.pool, &phone)
        .await
        .unwrap()
        .is_none());
    assert!(sessions::user(&k.state.pool, &alices)
        .await
        .unwrap()
        .is_some());
    assert!(bobs_sockets.try_recv().unwrap().recheck_session);
    assert!(accounts::sign_in(&k.state.pool, "bob", BOBS).await.is_err());
    assert!(accounts::sign_in(&k.state.pool, "bob", "new-password-2")
        .await
        .is_ok());
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn i_can_revoke_any_of_my_sessions_but_nobody_elses(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let laptop = signed_in(&k.state, &k.bob, FIREFOX).await;
    let phone = signed_in(&k.state, &k.bob, IPHONE).await;
    let alices = signed_in(&k.state, &k.alice, FIREFOX).await;
    let phone_id = settings(&k.state, &phone).await.unwrap().sessions;
    let phone_id = phone_id.iter().find(|s| s.current).unwrap().id.clone();
    let alices_id = settings(&k.state, &alices).await.unwrap().sessions[0]
        .id
        .clone();

    assert_eq!(
        revoke_session(&k.state, &k.bob, &alices_id).await,
        Err(AppError::SessionNotFound)
    );
    revoke_session(&k.state, &k.bob, &phone_id).await.unwrap();
    assert!(sessions::user(&k.state.pool, &phone)
        .await
        .unwrap()
        .is_none());
    assert!(sessions::user(&k.state.pool, &laptop)
        .await
        .unwrap()
        .is_some());
    assert!(sessions::user(&k.state.pool, &alices)
        .await
        .unwrap()
        .is_some());
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_deleted_account_keeps_its_messages_as_a_deleted_users_and_can_no_longer_sign_in(
    pool: SqlitePool,
) {
    let k = kaiwa(pool).await;
    with_password(&k.state, &k.bob, BOBS).await;
    let phone = signed_in(&k.state, &k.bob, IPHONE).await;
    let posted = post(&k.state, &k.bob, "general", "bye-000001", "またね", None)
        .await
        .unwrap()
        .message;
    let general = room_id(&k.state, "general").await;
    let mut room = k.state.hub.subscribe(general);

    assert_eq!(
        delete(&k.state, &nowhere(), &k.bob, "wrong-password").await,
        Err(AppError::WrongPassword)
    );
    delete(&k.state, &nowhere(), &k.bob, BOBS).await.unwrap();

    assert!(sessions::user(&k.state.pool, &phone)
        .await
        .unwrap()
        .is_none());
    assert!(accounts::sign_in(&k.state.pool, "bob", BOBS).await.is_err());
    let kept = db::messages::one(&k.state.pool, k.alice.id, general, posted.seq)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            kept.body.as_str(),
            kept.author_display_name.as_str(),
            kept.author_deleted
        ),
        ("またね", "", true)
    );
    match decode(&room.try_recv().unwrap()) {
        LiveEvent::MemberLeft { user_id, .. } => assert_eq!(user_id, k.bob.id),
        other => panic!("general was told {other:?}"),
    }
    // The username is free again.
    accounts::sign_up(&k.state.pool, "bob", "New Bob", "password-123")
        .await
        .unwrap();
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn the_last_admin_cannot_delete_their_account(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    with_password(&k.state, &k.alice, "alices-password").await;
    assert_eq!(
        delete(&k.state, &nowhere(), &k.alice, "alices-password").await,
        Err(AppError::LastAdmin)
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_stolen_session_gets_no_more_password_guesses_than_the_sign_in_form(pool: SqlitePool) {
    use crate::server::accounts::sign_in_throttle::ACCOUNT_LIMIT;
    let k = kaiwa(pool).await;
    with_password(&k.state, &k.bob, BOBS).await;
    let laptop = signed_in(&k.state, &k.bob, "Firefox").await;
    for _ in 0..ACCOUNT_LIMIT {
        let wrong = change_password(
            &k.state,
            &Knock::from_nowhere(&laptop),
            "a-guess-at-it",
            "new-password-2",
        )
        .await;
        assert_eq!(wrong, Err(AppError::WrongPassword));
    }
    let refused = change_password(
        &k.state,
        &Knock::from_nowhere(&laptop),
        BOBS,
        "new-password-2",
    )
    .await;
    assert_eq!(refused, Err(AppError::TooManySignIns));
    assert_eq!(
        delete(&k.state, &nowhere(), &k.bob, BOBS).await,
        Err(AppError::TooManySignIns)
    );
}
