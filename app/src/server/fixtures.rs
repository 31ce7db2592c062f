//! Named people and a running app state for tests: alice (the first account, so admin), bob
//! and carol, all in `general`.
use leptos::config::LeptosOptions;
use sqlx::SqlitePool;

use crate::model::Me;
use crate::server::{db, AppState, Settings};

pub struct Kaiwa {
    pub state: AppState,
    pub alice: Me,
    pub bob: Me,
    pub carol: Me,
}

/// The app on `pool`'s database (or on PostgreSQL: see `db::Store::for_tests`).
pub async fn kaiwa(pool: SqlitePool) -> Kaiwa {
    let options = LeptosOptions::builder().output_name("kaiwa").build();
    let store = db::Store::for_tests(pool).await;
    let state = AppState::new(options, store, Settings::default());
    let alice = db::users::insert(&state.pool, "alice", "Alice", "x")
        .await
        .unwrap();
    let bob = db::users::insert(&state.pool, "bob", "ボブ", "x")
        .await
        .unwrap();
    let carol = db::users::insert(&state.pool, "carol", "Carol", "x")
        .await
        .unwrap();
    Kaiwa {
        state,
        alice,
        bob,
        carol,
    }
}

pub async fn room_id(state: &AppState, slug: &str) -> i64 {
    db::rooms::by_slug(&state.pool, slug)
        .await
        .unwrap()
        .expect("room exists")
        .id
}

/// A live frame, decoded.
pub fn decode(frame: &crate::server::live::hub::Frame) -> crate::model::LiveEvent {
    serde_json::from_str(&frame.text).unwrap()
}

/// A private room "Secret plans" (slug `secret-plans`) with `owner` its only member.
pub async fn private_room(state: &AppState, owner: &Me) -> String {
    crate::server::rooms::create(state, owner, "Secret plans", "", "private")
        .await
        .unwrap()
}
