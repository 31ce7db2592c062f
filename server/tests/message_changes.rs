//! Edits and deletions as room events: live, on resume, and through plain forms.
mod support;

use app::{model::LiveEvent, server::messages};
use axum::http::StatusCode;
use sqlx::SqlitePool;
use support::{get, live, location, next_event, plain_form, send, text, Kaiwa};

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn edits_and_deletions_reach_followers_live_and_a_resume_gets_the_latest_state(
    pool: SqlitePool,
) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    for (id, body) in [("change-0001", "first"), ("change-0002", "second")] {
        messages::post(&kaiwa.state, &alice, "general", id, body, None)
            .await
            .unwrap();
    }
    let mut bob = live(&kaiwa, "general", Some(&bobs), &kaiwa.origin(), 2)
        .await
        .unwrap();
    assert!(matches!(
        next_event(&mut bob).await,
        LiveEvent::CaughtUp { seq: 2, .. }
    ));

    messages::edit(&kaiwa.state, &alice, "general", 1, "first, fixed")
        .await
        .unwrap();
    messages::delete(&kaiwa.state, &alice, "general", 2)
        .await
        .unwrap();
    match next_event(&mut bob).await {
        LiveEvent::MessageChanged { seq, message, .. } => {
            assert_eq!(
                (seq, message.seq, message.body.as_str()),
                (3, 1, "first, fixed")
            );
            assert!(message.edited);
        }
        other => panic!("expected the edit, got {other:?}"),
    }
    assert!(matches!(
        next_event(&mut bob).await,
        LiveEvent::MessageDeleted {
            seq: 4,
            message_seq: 2,
            ..
        }
    ));

    // A client that had only seen up to 2 learns both on resume, and nothing else.
    let mut late = live(&kaiwa, "general", Some(&alices), &kaiwa.origin(), 2)
        .await
        .unwrap();
    assert!(matches!(
        next_event(&mut late).await,
        LiveEvent::MessageChanged { seq: 3, .. }
    ));
    assert!(matches!(
        next_event(&mut late).await,
        LiveEvent::MessageDeleted { seq: 4, .. }
    ));
    assert!(matches!(
        next_event(&mut late).await,
        LiveEvent::CaughtUp { seq: 4, .. }
    ));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn without_javascript_a_message_is_edited_on_its_page_and_deleted_by_a_button(
    pool: SqlitePool,
) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "form-edit-01",
        "helo",
        None,
    )
    .await
    .unwrap();
    let page = text(send(&kaiwa, get("/rooms/general/messages/1/edit", &alices)).await).await;
    assert!(page.contains(">helo</textarea>"));
    // Someone else's message has no edit page for you.
    let theirs = send(&kaiwa, get("/rooms/general/messages/1/edit", &bobs)).await;
    assert!(text(theirs)
        .await
        .contains("You can only change your own messages."));

    let fields = [
        ("room", "general"),
        ("seq", "1"),
        ("body", "hello there, fixed"),
    ];
    let saved = send(
        &kaiwa,
        plain_form("/api/edit_message", Some(&alices), &fields),
    )
    .await;
    assert_eq!(location(&saved), "/rooms/general");
    let room = text(send(&kaiwa, get("/rooms/general", &bobs)).await).await;
    assert!(room.contains("hello there, fixed") && room.contains("(edited)"));

    let not_yours = [("room", "general"), ("seq", "1")];
    let refused = send(
        &kaiwa,
        plain_form("/api/delete_message", Some(&bobs), &not_yours),
    )
    .await;
    assert_eq!(
        location(&refused),
        "/rooms/general?form=message&error=not_yours"
    );
    let deleted = send(
        &kaiwa,
        plain_form("/api/delete_message", Some(&alices), &not_yours),
    )
    .await;
    assert_eq!(deleted.status(), StatusCode::FOUND);
    let room = text(send(&kaiwa, get("/rooms/general", &bobs)).await).await;
    assert!(!room.contains("hello there, fixed"));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_reaction_by_plain_form_reaches_followers_with_who_reacted(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "react-form-1",
        "lunch?",
        None,
    )
    .await
    .unwrap();
    let mut alice_live = live(&kaiwa, "general", Some(&alices), &kaiwa.origin(), 1)
        .await
        .unwrap();
    assert!(matches!(
        next_event(&mut alice_live).await,
        LiveEvent::CaughtUp { .. }
    ));

    let fields = [("room", "general"), ("seq", "1"), ("emoji", "🎉")];
    let reacted = send(
        &kaiwa,
        plain_form("/api/toggle_reaction", Some(&bobs), &fields),
    )
    .await;
    assert_eq!(location(&reacted), "/rooms/general?around=1");
    match next_event(&mut alice_live).await {
        LiveEvent::MessageChanged { seq, message, .. } => {
            assert_eq!(seq, 2);
            assert_eq!(message.reactions[0].emoji, "🎉");
            assert_eq!(message.reactions[0].usernames, vec!["bob"]);
        }
        other => panic!("expected the reaction, got {other:?}"),
    }
    let page = text(send(&kaiwa, get("/rooms/general", &alices)).await).await;
    assert!(page.contains("🎉 1: bob"));

    let odd = [("room", "general"), ("seq", "1"), ("emoji", "💩")];
    let refused = send(
        &kaiwa,
        plain_form("/api/toggle_reaction", Some(&bobs), &odd),
    )
    .await;
    assert_eq!(
        location(&refused),
        "/rooms/general?around=1&form=message&error=invalid_reaction"
    );
}
