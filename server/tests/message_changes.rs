//! Edits and deletions as room events: live, on resume, and through plain forms.
mod support;

use app::{model::LiveEvent, server::messages};
use axum::http::StatusCode;
use sqlx::SqlitePool;
use support::{get, live, location, next_event, plain_form, send, text, Kaiwa};

#[sqlx::test(migrations = "../migrations")]
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
        LiveEvent::MessageEdited { seq, message, .. } => {
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
        LiveEvent::MessageEdited { seq: 3, .. }
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

#[sqlx::test(migrations = "../migrations")]
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
