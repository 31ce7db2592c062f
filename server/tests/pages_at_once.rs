//! Many readers loading the same room page at the same moment all get it whole.
mod support;

use axum::http::StatusCode;
use sqlx::SqlitePool;
use support::{get, send, text, Kaiwa};

#[sqlx::test(migrations = "../migrations")]
async fn forty_readers_at_once_all_get_the_room_page_with_its_title(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("hanako", "花子").await;
    let pages = (0..40).map(|_| async {
        let response = send(&kaiwa, get("/rooms/general", &cookie)).await;
        (response.status(), text(response).await)
    });
    for (status, page) in futures::future::join_all(pages).await {
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("<title>#general · kaiwa</title>"), "{page}");
    }
}
