//! Unread counts over the real socket, as a client keeps them (`model::Unread`), against what
//! the database says, while messages race the socket's subscription and other sockets close.
mod support;

use std::{num::NonZeroU32, time::Duration};

use app::{
    model::{LiveEvent, Me, Unread},
    server::{db, messages, rooms, rooms::memberships, Settings},
};
use sqlx::SqlitePool;
use support::{live_at, next_frame, Kaiwa, Socket};
use tokio::task::JoinHandle;

/// Alice's room `study`, which bob (signed in with `bobs`) has joined; nobody's posts are limited.
struct StudyGroup {
    kaiwa: Kaiwa,
    alice: Me,
    bob: Me,
    bobs: String,
    study: String,
}

async fn study_group(pool: SqlitePool) -> StudyGroup {
    let many = NonZeroU32::new(100_000).unwrap();
    let settings = Settings {
        posts_per_second: many,
        post_burst: many,
        ..Settings::default()
    };
    let kaiwa = Kaiwa::start_with(pool, settings).await;
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    let (bob, bobs) = kaiwa.person("bob", "Bob").await;
    let study = rooms::create(&kaiwa.state, &alice, "Study", "", "public")
        .await
        .unwrap();
    memberships::join(&kaiwa.state, &bob, &study).await.unwrap();
    StudyGroup {
        kaiwa,
        alice,
        bob,
        bobs,
        study,
    }
}

/// What the database counts as unread for `me` in `slug`.
async fn stored_unread(kaiwa: &Kaiwa, me: &Me, slug: &str) -> i64 {
    db::rooms::of_member(&kaiwa.state.pool, me.id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.slug == slug)
        .unwrap()
        .unread
}

/// Applies one frame to the counts as the browser's sidebar does (for a reader named `me`).
fn count(unread: &mut Unread, me: &Me, frame: &LiveEvent) {
    match frame {
        LiveEvent::Rooms { rooms } => {
            for r in rooms {
                unread.count(&r.slug, r.last_seq, r.unread, r.mentions);
            }
        }
        LiveEvent::RoomRead {
            room,
            last_seq,
            unread: n,
            mentions,
        } => unread.count(room, *last_seq, *n, *mentions),
        LiveEvent::MessagePosted { room, seq, message }
            if message.author_username != me.username =>
        {
            unread.hear(room, *seq, message.mentioned.contains(&me.username));
        }
        _ => {}
    }
}

/// Reads frames into the counts until `room`'s message `body` arrives.
async fn count_until(socket: &mut Socket, unread: &mut Unread, me: &Me, room: &str, body: &str) {
    loop {
        let frame = next_frame(socket).await;
        count(unread, me, &frame);
        if let LiveEvent::MessagePosted {
            room: r, message, ..
        } = &frame
        {
            if r == room && message.body == body {
                return;
            }
        }
    }
}

/// Alice posts 30 messages in `room` in the background, as fast as the writer takes them.
fn keep_posting(kaiwa: &Kaiwa, alice: &Me, room: &str, tag: String) -> JoinHandle<()> {
    let (state, alice, room) = (kaiwa.state.clone(), alice.clone(), room.to_owned());
    tokio::spawn(async move {
        for i in 0..30 {
            let id = format!("{tag}-{i:04}");
            messages::post(&state, &alice, &room, &id, "また一つ", None)
                .await
                .unwrap();
            tokio::task::yield_now().await;
        }
    })
}

/// Posts one last message, reads the socket up to it, and compares the count with the database.
async fn count_matches_the_database(
    kaiwa: &Kaiwa,
    socket: &mut Socket,
    unread: &mut Unread,
    (alice, bob): (&Me, &Me),
    room: &str,
    round: u64,
) {
    let last = format!("round {round} done");
    let id = format!("done-{round:04}");
    messages::post(&kaiwa.state, alice, room, &id, &last, None)
        .await
        .unwrap();
    count_until(socket, unread, bob, room, &last).await;
    assert_eq!(
        unread.of(room).0,
        stored_unread(kaiwa, bob, room).await,
        "round {round}: the socket's count and the database's differ"
    );
}

async fn follow(kaiwa: &Kaiwa, tail: &str, cookie: &str) -> Socket {
    live_at(kaiwa, tail, Some(cookie), &kaiwa.origin())
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn messages_racing_a_new_socket_are_counted_once(pool: SqlitePool) {
    let StudyGroup {
        kaiwa,
        alice,
        bob,
        bobs,
        study,
    } = study_group(pool).await;

    for round in 0..20 {
        // Alice keeps posting while bob's socket subscribes and reads his rooms.
        let poster = keep_posting(&kaiwa, &alice, &study, format!("race-{round}"));
        let mut socket = follow(&kaiwa, "general/live?after=0&rooms=true", &bobs).await;
        poster.await.unwrap();
        let mut unread = Unread::default();
        let people = (&alice, &bob);
        count_matches_the_database(&kaiwa, &mut socket, &mut unread, people, &study, round).await;
        socket.close(None).await.unwrap();
    }
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_socket_closing_mid_stream_leaves_the_others_counting_what_it_did_not_show(
    pool: SqlitePool,
) {
    let StudyGroup {
        kaiwa,
        alice,
        bob,
        bobs,
        study,
    } = study_group(pool).await;

    // Bob's general tab counts; his study tab closes while alice is still posting in study.
    let mut in_general = follow(&kaiwa, "general/live?after=0&rooms=true", &bobs).await;
    let mut unread = Unread::default();
    for round in 0..20 {
        let mut in_study = follow(&kaiwa, &format!("{study}/live?after=0"), &bobs).await;
        // Past its replay: from here on, its end marks the room read up to what it showed.
        while !matches!(next_frame(&mut in_study).await, LiveEvent::CaughtUp { .. }) {}
        let poster = keep_posting(&kaiwa, &alice, &study, format!("close-{round}"));
        tokio::time::sleep(Duration::from_millis(round % 5)).await;
        drop(in_study);
        poster.await.unwrap();
        // The study socket's end is handled on the server after the drop: wait for its count.
        loop {
            let frame = next_frame(&mut in_general).await;
            count(&mut unread, &bob, &frame);
            if matches!(&frame, LiveEvent::RoomRead { room, .. } if *room == study) {
                break;
            }
        }
        let people = (&alice, &bob);
        count_matches_the_database(&kaiwa, &mut in_general, &mut unread, people, &study, round)
            .await;
    }
}
