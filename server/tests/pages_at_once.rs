//! Many readers loading pages at the same moment all get them whole.
mod support;

use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

use axum::http::StatusCode;
use sqlx::SqlitePool;
use support::{get, send, text, Kaiwa};
use tokio::time::timeout;

#[sqlx::test(migrations = "../migrations/sqlite")]
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

/// Working out the page routes (done when a router is built) runs the app with resource
/// loading suspended for the whole process (leptos#4773): a page whose data started loading in
/// that moment, on another thread, used to wait forever. Routes are worked out once now.
#[sqlx::test(migrations = "../migrations/sqlite")]
async fn pages_render_while_routers_are_built_on_another_thread(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let (_, cookie) = kaiwa.person("hanako", "花子").await;
    let _builder = RouterBuilder::start(&kaiwa);
    for _ in 0..40 {
        let page = timeout(Duration::from_secs(20), async {
            text(send(&kaiwa, get("/settings", &cookie)).await).await
        })
        .await;
        assert!(
            page.is_ok_and(|page| page.contains("花子")),
            "a settings page never finished while routers were being built"
        );
    }
}

/// Builds routers over and over on its own thread until dropped.
struct RouterBuilder {
    building: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RouterBuilder {
    fn start(kaiwa: &Kaiwa) -> Self {
        let building = Arc::new(AtomicBool::new(true));
        let (state, still, runtime) = (
            kaiwa.state.clone(),
            building.clone(),
            tokio::runtime::Handle::current(),
        );
        let thread = std::thread::spawn(move || {
            let _runtime = runtime.enter();
            while still.load(Ordering::Relaxed) {
                drop(server::router(state.clone()));
            }
        });
        RouterBuilder {
            building,
            thread: Some(thread),
        }
    }
}

impl Drop for RouterBuilder {
    fn drop(&mut self) {
        self.building.store(false, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
