use sqlx::SqlitePool;

use super::*;
use crate::{
    model::{
        message::{apply_event, Formatted},
        Message,
    },
    server::db::{messages::events_after, users},
};

/// As the formatter would store plain text (the db layer knows nothing of formatting).
fn render(body: &str) -> Formatted {
    Formatted {
        html: format!("<p>{body}</p>\n"),
        mentioned: Vec::new(),
    }
}

fn post(author_id: i64, client_id: &str, body: &str) -> Change {
    Change::Post(NewMessage {
        room_id: 1,
        author_id,
        client_id: client_id.into(),
        body: body.into(),
        formatted: render(body),
        recipient_id: None,
    })
}

fn edit(editor_id: i64, message_seq: i64, body: &str) -> Change {
    Change::Edit(Edit {
        room_id: 1,
        message_seq,
        editor_id,
        body: body.into(),
        formatted: render(body),
    })
}

fn delete(by: i64, message_seq: i64, as_admin: bool) -> Change {
    Change::Delete(Delete {
        room_id: 1,
        message_seq,
        by,
        as_admin,
    })
}

async fn apply(pool: &Store, changes: &[Change]) -> Vec<Result<Applied, AppError>> {
    apply_group(pool, changes, |_| Vec::new()).await.unwrap()
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_group_commits_in_order_and_a_repeat_inside_it_is_stored_once(pool: SqlitePool) {
    let pool = crate::server::db::Store::for_tests(pool).await;
    let alice = users::insert(&pool, "alice", "Alice", "x").await.unwrap();
    let group = [
        post(alice.id, "group-a-01", "one"),
        post(alice.id, "group-b-02", "two"),
        post(alice.id, "group-a-01", "one"),
    ];
    let seqs: Vec<(i64, bool)> = apply(&pool, &group)
        .await
        .into_iter()
        .map(|p| p.map(|p| (p.message.seq, p.is_new)).unwrap())
        .collect();
    assert_eq!(seqs, vec![(1, true), (2, true), (1, false)]);
    let next = apply(&pool, &[post(alice.id, "group-c-03", "three")]).await;
    assert_eq!(next[0].as_ref().unwrap().message.seq, 3);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn another_message_under_a_used_id_is_refused_not_swallowed(pool: SqlitePool) {
    let pool = crate::server::db::Store::for_tests(pool).await;
    let alice = users::insert(&pool, "alice", "Alice", "x").await.unwrap();
    let done = apply(
        &pool,
        &[
            post(alice.id, "same-id-01", "over here"),
            post(alice.id, "same-id-01", "and here"),
            post(alice.id, "same-id-01", "over here"),
        ],
    )
    .await;
    assert!(done[0].as_ref().unwrap().is_new);
    assert_eq!(done[1].as_ref().err(), Some(&AppError::ClientIdReused));
    let retry = done[2].as_ref().unwrap();
    assert_eq!(
        (retry.message.body.as_str(), retry.is_new),
        ("over here", false)
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn edits_and_deletions_take_the_next_numbers_and_only_the_author_edits(pool: SqlitePool) {
    let pool = crate::server::db::Store::for_tests(pool).await;
    let alice = users::insert(&pool, "alice", "Alice", "x").await.unwrap();
    let bob = users::insert(&pool, "bob", "Bob", "x").await.unwrap();
    apply(&pool, &[post(bob.id, "bob-000001", "typo")]).await;
    let done = apply(
        &pool,
        &[
            edit(alice.id, 1, "not mine"),
            edit(bob.id, 1, "fixed"),
            delete(alice.id, 1, false),
            delete(alice.id, 1, true),
            edit(bob.id, 1, "too late"),
        ],
    )
    .await;
    assert_eq!(done[0].as_ref().err(), Some(&AppError::NotYours));
    let edited = done[1].as_ref().unwrap();
    assert_eq!((edited.kind, edited.event_seq), (Kind::Edited, 2));
    assert!(edited.message.edited && edited.message.body == "fixed");
    assert_eq!(done[2].as_ref().err(), Some(&AppError::NotYours));
    let deleted = done[3].as_ref().unwrap();
    assert_eq!(
        (deleted.kind, deleted.event_seq),
        (Kind::Deleted, 3),
        "an admin deletes"
    );
    assert_eq!(done[4].as_ref().err(), Some(&AppError::MessageNotFound));
    let text: String = crate::server::db::on!(&pool, |p| sqlx::query_scalar(
        "SELECT body FROM messages WHERE seq = 1"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(text, "", "a deleted message keeps no text");
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_client_that_missed_an_edit_and_a_delete_ends_up_showing_the_right_thing(
    pool: SqlitePool,
) {
    let pool = crate::server::db::Store::for_tests(pool).await;
    let alice = users::insert(&pool, "alice", "Alice", "x").await.unwrap();
    apply(
        &pool,
        &[
            post(alice.id, "replay-0001", "one"),
            post(alice.id, "replay-0002", "two"),
            post(alice.id, "replay-0003", "three"),
        ],
    )
    .await;
    // The client has everything up to 3, then goes away.
    let mut shown: Vec<Message> = events_after(&pool, alice.id, 1, 0, 100)
        .await
        .unwrap()
        .into_iter()
        .fold(Vec::new(), |mut list, event| {
            apply_event(&mut list, event);
            list
        });
    assert_eq!(shown.len(), 3);

    // Meanwhile: two is edited twice, one is deleted, four is posted then deleted, five stays.
    apply(
        &pool,
        &[
            edit(alice.id, 2, "two, edited"),
            delete(alice.id, 1, false),
            post(alice.id, "replay-0004", "four"),
            edit(alice.id, 2, "two, edited again"),
            post(alice.id, "replay-0005", "five"),
            delete(alice.id, 6, false),
        ],
    )
    .await;

    let missed = events_after(&pool, alice.id, 1, 3, 100).await.unwrap();
    let seqs: Vec<i64> = missed.iter().filter_map(|e| e.event_seq()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "in order: {seqs:?}");
    for event in missed {
        apply_event(&mut shown, event);
    }
    let now: Vec<(i64, &str, bool)> = shown
        .iter()
        .map(|m| (m.seq, m.body.as_str(), m.edited))
        .collect();
    assert_eq!(
        now,
        vec![
            (2, "two, edited again", true),
            (3, "three", false),
            (8, "five", false)
        ]
    );
}

fn react(user_id: i64, message_seq: i64, emoji: &str) -> Change {
    set_reaction(user_id, message_seq, emoji, None)
}

fn set_reaction(user_id: i64, message_seq: i64, emoji: &str, want: Option<bool>) -> Change {
    Change::React(React {
        room_id: 1,
        message_seq,
        user_id,
        emoji: emoji.into(),
        want,
    })
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn asking_for_a_reaction_twice_keeps_one_and_changes_nothing_the_second_time(
    pool: SqlitePool,
) {
    let pool = crate::server::db::Store::for_tests(pool).await;
    let alice = users::insert(&pool, "alice", "Alice", "x").await.unwrap();
    apply(&pool, &[post(alice.id, "react-0001", "hi")]).await;
    // Two "add 👍" in one group (as two requests at once arrive): one reaction, one event.
    let done = apply(
        &pool,
        &[
            set_reaction(alice.id, 1, "👍", Some(true)),
            set_reaction(alice.id, 1, "👍", Some(true)),
            set_reaction(alice.id, 1, "👍", Some(false)),
            set_reaction(alice.id, 1, "👍", Some(false)),
        ],
    )
    .await;
    let events: Vec<(bool, usize)> = done
        .iter()
        .map(|d| {
            let d = d.as_ref().unwrap();
            (d.is_new, d.message.reactions.len())
        })
        .collect();
    assert_eq!(events, vec![(true, 1), (false, 1), (true, 0), (false, 0)]);
    let next = apply(&pool, &[post(alice.id, "react-0002", "next")]).await;
    assert_eq!(
        next[0].as_ref().unwrap().message.seq,
        4,
        "two events, two numbers"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_reaction_is_a_room_event_that_toggles_and_only_those_who_see_a_message_react(
    pool: SqlitePool,
) {
    let pool = crate::server::db::Store::for_tests(pool).await;
    let alice = users::insert(&pool, "alice", "Alice", "x").await.unwrap();
    let bob = users::insert(&pool, "bob", "Bob", "x").await.unwrap();
    let carol = users::insert(&pool, "carol", "Carol", "x").await.unwrap();
    let mut whisper = post(alice.id, "whisper-01", "for bob");
    if let Change::Post(new) = &mut whisper {
        new.recipient_id = Some(bob.id);
    }
    apply(&pool, &[post(alice.id, "react-0001", "lunch?"), whisper]).await;

    let done = apply(
        &pool,
        &[
            react(bob.id, 1, "👍"),
            react(carol.id, 1, "👍"),
            react(carol.id, 1, "🎉"),
            react(carol.id, 1, "🎉"),
            react(carol.id, 2, "👍"),
        ],
    )
    .await;
    let seqs: Vec<i64> = done[..4]
        .iter()
        .map(|d| d.as_ref().unwrap().event_seq)
        .collect();
    assert_eq!(seqs, vec![3, 4, 5, 6], "each toggle is an event");
    assert_eq!(
        done[4].as_ref().err(),
        Some(&AppError::MessageNotFound),
        "not carol's whisper"
    );

    let now = &done[3].as_ref().unwrap().message;
    assert_eq!(now.changed, 6);
    assert_eq!(now.reactions.len(), 1, "carol's 🎉 was taken back");
    assert_eq!(now.reactions[0].emoji, "👍");
    assert_eq!(now.reactions[0].usernames, vec!["bob", "carol"]);

    // A client resuming after 2 gets the message once, in its latest state.
    let missed = events_after(&pool, carol.id, 1, 2, 100).await.unwrap();
    assert_eq!(missed.len(), 1);
    match &missed[0] {
        crate::model::LiveEvent::MessageChanged { seq, message, .. } => {
            assert_eq!(*seq, 6);
            assert_eq!(message.reactions[0].usernames.len(), 2);
            assert!(!message.edited, "a reaction is not an edit");
        }
        other => panic!("expected a change, got {other:?}"),
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn someone_elses_whisper_is_missing_to_a_third_person_not_forbidden(pool: SqlitePool) {
    let pool = crate::server::db::Store::for_tests(pool).await;
    let alice = users::insert(&pool, "alice", "Alice", "x").await.unwrap();
    let bob = users::insert(&pool, "bob", "Bob", "x").await.unwrap();
    let carol = users::insert(&pool, "carol", "Carol", "x").await.unwrap();
    let Change::Post(mut whisper) = post(alice.id, "whisper-001", "psst") else {
        unreachable!()
    };
    whisper.recipient_id = Some(bob.id);
    apply(&pool, &[Change::Post(whisper)]).await;
    let done = apply(
        &pool,
        &[
            delete(carol.id, 1, false),
            edit(carol.id, 1, "mine now"),
            delete(bob.id, 1, false),
        ],
    )
    .await;
    assert_eq!(done[0].as_ref().err(), Some(&AppError::MessageNotFound));
    assert_eq!(done[1].as_ref().err(), Some(&AppError::MessageNotFound));
    assert_eq!(
        done[2].as_ref().err(),
        Some(&AppError::NotYours),
        "bob sees it: not his"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn only_members_post_and_whisper_to_members_and_a_refusal_stores_nothing(pool: SqlitePool) {
    let pool = crate::server::db::Store::for_tests(pool).await;
    let alice = users::insert(&pool, "alice", "Alice", "x").await.unwrap();
    let bob = users::insert(&pool, "bob", "Bob", "x").await.unwrap();
    let carol = users::insert(&pool, "carol", "Carol", "x").await.unwrap();
    crate::server::db::memberships::remove(&pool, 1, carol.id, None)
        .await
        .unwrap();
    let whisper = |to: i64, client_id: &str| {
        let Change::Post(mut whisper) = post(alice.id, client_id, "psst") else {
            unreachable!()
        };
        whisper.recipient_id = Some(to);
        Change::Post(whisper)
    };
    let done = apply(
        &pool,
        &[
            post(carol.id, "outside-001", "let me in"),
            whisper(carol.id, "whisper-001"),
            whisper(bob.id, "whisper-002"),
        ],
    )
    .await;
    assert_eq!(done[0].as_ref().err(), Some(&AppError::NotAMember));
    assert_eq!(
        done[1].as_ref().err(),
        Some(&AppError::from(Invalid::Recipient))
    );
    let stored = done[2].as_ref().expect("a whisper between members");
    assert_eq!(stored.message.seq, 1, "the refusals took no numbers");
    // A refused client id stays free: once carol is back, it posts.
    crate::server::db::memberships::add(&pool, 1, carol.id, None)
        .await
        .unwrap();
    let again = apply(&pool, &[post(carol.id, "outside-001", "let me in")]).await;
    assert_eq!(again[0].as_ref().unwrap().message.seq, 2);
}
