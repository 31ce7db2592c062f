//! Searching the messages a person may read.
use std::collections::BTreeMap;

use crate::server::{db, AppState};
use crate::{
    model::{Me, SearchResults},
    rules, AppError,
};

/// How many results a search shows (newest first).
pub const RESULTS: i64 = 50;

pub async fn search(state: &AppState, me: &Me, query: &str) -> Result<SearchResults, AppError> {
    let terms = rules::search_terms(query)?;
    let messages = if terms.is_empty() {
        Vec::new()
    } else {
        let budget = state.settings.search_budget;
        db::search::messages(&state.search_pool, me.id, &terms, RESULTS, budget).await?
    };
    // Only rooms a message was found in, so only rooms the reader may read.
    let mut slugs: Vec<&str> = messages.iter().map(|m| m.room.as_str()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    let room_names: BTreeMap<String, String> = if slugs.is_empty() {
        BTreeMap::new()
    } else {
        db::rooms::names(&state.pool, me.id, &slugs)
            .await?
            .into_iter()
            .collect()
    };
    Ok(SearchResults {
        query: query.trim().to_owned(),
        terms,
        messages,
        room_names,
    })
}

#[cfg(test)]
mod tests {
    use sqlx::SqlitePool;

    use super::*;
    use crate::server::{fixtures::kaiwa, messages::post, rooms};

    async fn found(state: &AppState, me: &Me, query: &str) -> Vec<String> {
        let results = search(state, me, query).await.unwrap();
        results.messages.into_iter().map(|m| m.body).collect()
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn japanese_without_spaces_and_mixed_scripts_are_found(pool: SqlitePool) {
        let k = kaiwa(pool).await;
        for (i, body) in [
            "今日の会話は楽しい",
            "Rustで書いたkaiwaサーバー",
            "関係ない話",
        ]
        .iter()
        .enumerate()
        {
            post(
                &k.state,
                &k.alice,
                "general",
                &format!("search-{i:04}"),
                body,
                None,
            )
            .await
            .unwrap();
        }
        assert_eq!(
            found(&k.state, &k.bob, "会話").await,
            vec!["今日の会話は楽しい"]
        );
        assert_eq!(
            found(&k.state, &k.bob, "会話は楽しい").await,
            vec!["今日の会話は楽しい"]
        );
        assert_eq!(
            found(&k.state, &k.bob, "KAIWA サーバー").await,
            vec!["Rustで書いたkaiwaサーバー"]
        );
        assert_eq!(
            found(&k.state, &k.bob, "rust 話").await,
            Vec::<String>::new()
        );
        assert!(found(&k.state, &k.bob, "   ").await.is_empty());
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn results_name_each_room_as_the_reader_knows_it(pool: SqlitePool) {
        let k = kaiwa(pool).await;
        let study = rooms::create(&k.state, &k.alice, "日本語の勉強会", "", "public")
            .await
            .unwrap();
        post(&k.state, &k.alice, &study, "names-0001", "敬語の練習", None)
            .await
            .unwrap();
        let results = search(&k.state, &k.bob, "敬語").await.unwrap();
        assert_eq!(results.messages.len(), 1);
        assert_eq!(
            results.room_names.get(&study).map(String::as_str),
            Some("日本語の勉強会"),
            "not its address, {study}"
        );
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn search_never_shows_what_the_reader_may_not_read(pool: SqlitePool) {
        let k = kaiwa(pool).await;
        let secret = rooms::create(&k.state, &k.alice, "Secret", "", "private")
            .await
            .unwrap();
        post(
            &k.state,
            &k.alice,
            &secret,
            "secret-0001",
            "秘密の会議",
            None,
        )
        .await
        .unwrap();
        post(
            &k.state,
            &k.alice,
            "general",
            "whisper-001",
            "会議は三時 (bob only)",
            Some("bob"),
        )
        .await
        .unwrap();
        let edited = post(
            &k.state,
            &k.alice,
            "general",
            "edited-0001",
            "会議の前",
            None,
        )
        .await
        .unwrap();
        crate::server::messages::edit(
            &k.state,
            &k.alice,
            "general",
            edited.message.seq,
            "打ち合わせの前",
        )
        .await
        .unwrap();
        assert!(
            found(&k.state, &k.carol, "会議").await.is_empty(),
            "private room, whisper, old text"
        );
        assert_eq!(
            found(&k.state, &k.bob, "会議").await,
            vec!["会議は三時 (bob only)"]
        );
        assert_eq!(found(&k.state, &k.alice, "会議").await.len(), 2);
        assert_eq!(
            found(&k.state, &k.carol, "打ち合わせ").await,
            vec!["打ち合わせの前"]
        );
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn a_search_past_its_budget_is_stopped_and_refused(pool: SqlitePool) {
        let pool = crate::server::db::Store::for_tests(pool).await;
        use std::time::Duration;
        let settings = crate::server::Settings {
            search_budget: Duration::from_millis(1),
            ..Default::default()
        };
        let options = leptos::config::LeptosOptions::builder()
            .output_name("kaiwa")
            .build();
        let state = AppState::new(options, pool, settings);
        let alice = db::users::insert(&state.pool, "alice", "Alice", "x")
            .await
            .unwrap();
        // A long history, and a one-letter term that no index can serve: a full scan.
        crate::server::db::on!(&state.pool, |p| sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
             INSERT INTO messages (room_id, seq, author_id, client_id, body, html)
             SELECT (SELECT id FROM rooms WHERE slug = 'general'), i, $1, 'bulk-' || i,
                    'message number ' || i, '' FROM n",
        )
        .bind(alice.id)
        .execute(p)
        .await
        .map(|done| done.rows_affected()))
        .unwrap();
        let started = std::time::Instant::now();
        assert_eq!(
            search(&state, &alice, "x").await.err(),
            Some(AppError::SearchTooBroad)
        );
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
    }
}
