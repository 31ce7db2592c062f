//! Formatted text and mentions, as posting and editing store them.
use sqlx::SqlitePool;

use super::*;
use crate::server::fixtures::{kaiwa, room_id};

async fn mentions_of(state: &AppState, user_id: i64, slug: &str) -> (i64, i64) {
    let rooms = db::rooms::of_member(&state.pool, user_id).await.unwrap();
    let room = rooms.iter().find(|r| r.slug == slug).expect("a member");
    (room.unread, room.mentions)
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_post_is_stored_with_its_html_and_an_edit_renders_it_again(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let posted = post(
        &k.state,
        &k.alice,
        "general",
        "fmt-000001",
        "**太字** <b>x</b>",
        None,
    )
    .await
    .unwrap()
    .message;
    assert_eq!(
        posted.html,
        "<p><strong>太字</strong> &lt;b&gt;x&lt;/b&gt;</p>\n"
    );
    let edited = edit(
        &k.state,
        &k.alice,
        "general",
        posted.seq,
        "```rust\nfn main() {}\n```",
    )
    .await
    .unwrap()
    .message;
    assert!(edited.html.contains("hl-"), "{}", edited.html);
    let general = room_id(&k.state, "general").await;
    let reread = db::messages::one(&k.state.pool, k.bob.id, general, posted.seq)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reread.html, edited.html);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_mention_marks_the_room_for_that_member_until_they_read_it(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let body = "@bob and @Carol, see this; @nobody and @alice are not mentioned";
    let message = post(&k.state, &k.alice, "general", "mention-01", body, None)
        .await
        .unwrap()
        .message;
    assert_eq!(message.mentioned, ["bob", "carol"]);
    assert!(message
        .html
        .contains(r#"<span class="mention">@bob</span>"#));
    assert!(!message
        .html
        .contains(r#"<span class="mention">@alice</span>"#));
    post(
        &k.state,
        &k.alice,
        "general",
        "mention-02",
        "no mention",
        None,
    )
    .await
    .unwrap();

    assert_eq!(mentions_of(&k.state, k.bob.id, "general").await, (2, 1));
    assert_eq!(mentions_of(&k.state, k.alice.id, "general").await, (0, 0));
    let general = room_id(&k.state, "general").await;
    db::memberships::mark_read(&k.state.pool, general, k.bob.id, message.seq + 1)
        .await
        .unwrap();
    assert_eq!(mentions_of(&k.state, k.bob.id, "general").await, (0, 0));
    assert_eq!(mentions_of(&k.state, k.carol.id, "general").await, (2, 1));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_private_message_mentions_only_its_recipient(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let whisper = post(
        &k.state,
        &k.alice,
        "general",
        "whisper-01",
        "@bob @carol 秘密",
        Some("carol"),
    )
    .await
    .unwrap()
    .message;
    assert_eq!(whisper.mentioned, ["carol"]);
    assert_eq!(mentions_of(&k.state, k.bob.id, "general").await, (0, 0));
    assert_eq!(mentions_of(&k.state, k.carol.id, "general").await, (1, 1));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_deleted_mention_no_longer_counts(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let message = post(
        &k.state,
        &k.alice,
        "general",
        "mention-03",
        "@bob ping",
        None,
    )
    .await
    .unwrap()
    .message;
    delete(&k.state, &k.alice, "general", message.seq)
        .await
        .unwrap();
    assert_eq!(mentions_of(&k.state, k.bob.id, "general").await, (0, 0));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn messages_stored_before_formatting_are_rendered_at_start(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let message = post(
        &k.state,
        &k.alice,
        "general",
        "legacy-001",
        "see https://example.com",
        None,
    )
    .await
    .unwrap()
    .message;
    crate::server::db::on!(&k.state.pool, |p| sqlx::query(
        "UPDATE messages SET html = NULL"
    )
    .execute(p)
    .await
    .map(|done| done.rows_affected()))
    .unwrap();
    let general = room_id(&k.state, "general").await;
    let unrendered = db::messages::one(&k.state.pool, k.bob.id, general, message.seq)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unrendered.html, "", "shown as plain text until rendered");

    let rendered = crate::server::messages::formatting::render_missing(&k.state.pool)
        .await
        .unwrap();
    assert_eq!(rendered, 1);
    let reread = db::messages::one(&k.state.pool, k.bob.id, general, message.seq)
        .await
        .unwrap()
        .unwrap();
    assert!(
        reread.html.contains(r#"<a href="https://example.com""#),
        "{}",
        reread.html
    );
    assert_eq!(
        crate::server::messages::formatting::render_missing(&k.state.pool)
            .await
            .unwrap(),
        0
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_message_stored_with_html_past_the_budget_is_rendered_again_at_start(pool: SqlitePool) {
    let k = kaiwa(pool).await;
    let body = format!("@bob look:\n```html\n{}\n```", "<a>".repeat(1_300));
    let message = post(&k.state, &k.alice, "general", "oversized-01", &body, None)
        .await
        .unwrap()
        .message;
    assert!(message.html.len() <= crate::server::messages::formatting::MAX_HTML_BYTES);
    // As an earlier kaiwa stored it: 375 KB of highlighted HTML.
    let huge = format!(
        "<p>{}</p>",
        "<span class=\"hl-x\">&lt;a&gt;</span>".repeat(11_000)
    );
    crate::server::db::on!(&k.state.pool, |p| sqlx::query(
        "UPDATE messages SET html = $1 WHERE id = $2"
    )
    .bind(&huge)
    .bind(message.id)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))
    .unwrap();

    let rendered = crate::server::messages::formatting::render_missing(&k.state.pool)
        .await
        .unwrap();
    assert_eq!(rendered, 1);
    let general = room_id(&k.state, "general").await;
    let reread = db::messages::one(&k.state.pool, k.bob.id, general, message.seq)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reread.html, message.html, "as a post renders it today");
    assert!(reread.html.contains(r#"<span class="mention">@bob</span>"#));
}
