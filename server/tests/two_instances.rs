//! Two kaiwa instances on one PostgreSQL database (each its own hub, writer and listener, as
//! two processes would be): what is committed through one reaches sockets on the other, once
//! and in order, and a member removed through one hears nothing more on the other. These run
//! when `KAIWA_TEST_POSTGRES` is set (`make test` sets it); on SQLite there is one instance.
mod support;

use std::collections::BTreeSet;

use app::{
    model::LiveEvent,
    server::{
        db::{Backend, Store},
        messages, rooms, Settings,
    },
};
use sqlx::{postgres::PgPoolOptions, SqlitePool};
use support::{close_code, live, next_event, Kaiwa};

/// A second instance on `a`'s database, with a pool of its own.
async fn beside(a: &Kaiwa) -> Option<Kaiwa> {
    let Backend::Postgres(pool) = &a.state.pool else {
        eprintln!("one instance on SQLite: set KAIWA_TEST_POSTGRES to run this");
        return None;
    };
    let own = PgPoolOptions::new()
        .max_connections(8)
        .connect_with((*pool.connect_options()).clone())
        .await
        .unwrap();
    let b = Kaiwa::on(Store::Postgres(own), Settings::default()).await;
    // Both listen before anything is said (a real instance listens before it serves).
    for kaiwa in [a, &b] {
        while !kaiwa.state.relay.listening() {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }
    Some(b)
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn posts_through_both_instances_reach_a_socket_on_each_once_and_in_order(pool: SqlitePool) {
    let a = Kaiwa::start(pool).await;
    let Some(b) = beside(&a).await else { return };
    let (alice, alices) = a.person("alice", "Alice").await;
    let (bob, _) = a.person("bob", "Bob").await;
    let mut on_a = live(&a, "general", Some(&alices), &a.origin(), 0)
        .await
        .unwrap();
    let mut on_b = live(&b, "general", Some(&alices), &b.origin(), 0)
        .await
        .unwrap();
    for socket in [&mut on_a, &mut on_b] {
        assert!(matches!(
            next_event(socket).await,
            LiveEvent::CaughtUp { .. }
        ));
    }

    // 2 × 100 posts at once, all through both instances' writers together (so their group
    // commits interleave, and each instance commits past numbers the other has not told yet).
    const EACH: usize = 100;
    let post = |kaiwa: &Kaiwa, who: &app::model::Me, prefix: &str, i: usize| {
        let (state, who) = (kaiwa.state.clone(), who.clone());
        let (id, body) = (format!("{prefix}-{i:06}"), format!("{prefix} {i}"));
        tokio::spawn(async move {
            messages::post(&state, &who, "general", &id, &body, None)
                .await
                .unwrap();
        })
    };
    let posts: Vec<_> = (0..EACH)
        .flat_map(|i| [post(&a, &alice, "via-a", i), post(&b, &bob, "via-b", i)])
        .collect();
    for posted in futures::future::join_all(posts).await {
        posted.unwrap();
    }

    for socket in [&mut on_a, &mut on_b] {
        let mut seqs = Vec::new();
        let mut bodies = BTreeSet::new();
        while seqs.len() < 2 * EACH {
            if let LiveEvent::MessagePosted { seq, message, .. } = next_event(socket).await {
                seqs.push(seq);
                bodies.insert(message.body);
            }
        }
        let expected: Vec<i64> = (1..=(2 * EACH) as i64).collect();
        assert_eq!(seqs, expected, "every number once, in order");
        assert_eq!(bodies.len(), 2 * EACH);
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_member_removed_through_one_instance_hears_nothing_later_on_the_other(pool: SqlitePool) {
    let a = Kaiwa::start(pool).await;
    let Some(b) = beside(&a).await else { return };
    let (alice, _) = a.person("alice", "Alice").await;
    let (bob, bobs) = a.person("bob", "Bob").await;
    let slug = rooms::create(&a.state, &alice, "Plans", "", "private")
        .await
        .unwrap();
    rooms::memberships::invite(&a.state, &alice, &slug, "bob")
        .await
        .unwrap();
    messages::post(&a.state, &alice, &slug, "before-0001", "before", None)
        .await
        .unwrap();

    let mut bobs_socket = live(&b, &slug, Some(&bobs), &b.origin(), 0).await.unwrap();
    let mut seen = Vec::new();
    loop {
        match next_event(&mut bobs_socket).await {
            LiveEvent::CaughtUp { .. } => break,
            LiveEvent::MessagePosted { message, .. } => seen.push(message.body),
            _ => {}
        }
    }
    assert_eq!(seen, ["before"]);

    rooms::memberships::remove(&a.state, &alice, &slug, &bob.username)
        .await
        .unwrap();
    messages::post(&a.state, &alice, &slug, "after-00001", "after", None)
        .await
        .unwrap();
    loop {
        match next_event(&mut bobs_socket).await {
            LiveEvent::MemberLeft { user_id, .. } if user_id == bob.id => break,
            LiveEvent::MessagePosted { message, .. } => {
                panic!("heard {:?} before leaving", message.body)
            }
            _ => {}
        }
    }
    assert_eq!(
        close_code(&mut bobs_socket).await,
        Some(server::live_socket::CLOSE_ROOM_GONE),
        "closed without hearing what came after"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn someone_online_on_one_instance_is_online_on_the_other(pool: SqlitePool) {
    let a = Kaiwa::start(pool).await;
    let Some(b) = beside(&a).await else { return };
    let (alice, alices) = a.person("alice", "Alice").await;
    let (bob, bobs) = a.person("bob", "Bob").await;
    let mut alice_on_b = live(&b, "general", Some(&alices), &b.origin(), 0)
        .await
        .unwrap();
    let bob_on_a = live(&a, "general", Some(&bobs), &a.origin(), 0)
        .await
        .unwrap();

    // Alice, on B, hears that Bob (on A) came online, then (his socket closed) went.
    hears(&mut alice_on_b, bob.id, true).await;
    let on_a = async {
        while !a.state.presence.is_online(alice.id) {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(5), on_a)
        .await
        .expect("and A takes Alice (on B) as online");
    drop(bob_on_a);
    hears(&mut alice_on_b, bob.id, false).await;
}

/// Waits (each frame within 5 s) for a presence frame saying `user_id` came (or went).
async fn hears(socket: &mut support::Socket, user_id: i64, came: bool) {
    loop {
        if let LiveEvent::Presence {
            online, offline, ..
        } = support::next_frame(socket).await
        {
            if (if came { online } else { offline }).contains(&user_id) {
                return;
            }
        }
    }
}
