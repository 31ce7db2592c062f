use std::{num::NonZeroU32, sync::Arc};

use crate::server::db::Store;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use tokio_util::{sync::CancellationToken, task::TaskTracker};

use crate::server::{
    accounts::sign_in_throttle::SignInThrottle,
    live::hub::Hub,
    live::presence::{self, Presence},
    live::relay::Relay,
    live::writer::Writer,
    messages::bots::Webhooks,
    messages::post_rate::{self, PostRate},
    metrics::Metrics,
    rooms::guests::GuestRate,
};
use crate::AppError;

/// What operators can set (see server/src/config.rs).
#[derive(Clone, Debug)]
pub struct Settings {
    /// e.g. `https://chat.example.org` when served behind a proxy that rewrites `Host`.
    pub public_origin: Option<String>,
    /// Mark session cookies `Secure` (set when served over TLS).
    pub secure_cookies: bool,
    /// Posts one account may make per second, after a burst of `post_burst`.
    pub posts_per_second: NonZeroU32,
    pub post_burst: NonZeroU32,
    /// Served behind a reverse proxy: the client's address is the last `X-Forwarded-For` entry.
    pub behind_proxy: bool,
    /// Visitors may enter general with only a nickname.
    pub guests: bool,
    /// How often live sockets are pinged (`model::live_protocol::HEARTBEAT` by default).
    pub heartbeat: std::time::Duration,
    /// The longest a search may take (`db::search::BUDGET` by default).
    pub search_budget: std::time::Duration,
    /// `GET /metrics` answers a request bearing this token (and is not there without one).
    pub metrics_token: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            public_origin: None,
            secure_cookies: false,
            posts_per_second: post_rate::DEFAULT_PER_SECOND,
            post_burst: post_rate::DEFAULT_BURST,
            behind_proxy: false,
            guests: false,
            heartbeat: crate::model::live_protocol::HEARTBEAT,
            search_budget: crate::server::db::search::BUDGET,
            metrics_token: None,
        }
    }
}

/// Shared by axum handlers and, through Leptos context, by server functions.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: Store,
    /// Searches' own connections (see `db::search_pool`).
    pub search_pool: Store,
    pub hub: Arc<Hub>,
    /// Live events to and from the other instances on the same database (PostgreSQL).
    pub relay: Arc<Relay>,
    /// What `/metrics` shows (see `server::metrics`).
    pub metrics: Arc<Metrics>,
    pub writer: Arc<Writer>,
    pub post_rate: Arc<PostRate>,
    pub room_rate: Arc<crate::server::rooms::room_rate::RoomRate>,
    /// Exports running, per account (see `export`).
    pub exports: Arc<crate::server::messages::export::Running>,
    pub sign_in_throttle: Arc<SignInThrottle>,
    pub webhooks: Arc<Webhooks>,
    pub guest_rate: Arc<GuestRate>,
    pub presence: Arc<Presence>,
    pub settings: Arc<Settings>,
    /// Cancelled on SIGINT/SIGTERM: sockets send a close frame and finish.
    pub shutdown: CancellationToken,
    /// Live sockets, so shutdown can wait for their close frames.
    pub sockets: TaskTracker,
}

impl AppState {
    /// Needs a running Tokio runtime: it starts the writer and presence tasks.
    pub fn new(leptos_options: LeptosOptions, pool: Store, settings: Settings) -> Self {
        let hub = Arc::new(Hub::default());
        let metrics = Arc::new(Metrics::default());
        let relay = Arc::new(Relay::new(hub.clone(), pool.clone(), metrics.clone()));
        let presence = Arc::new(Presence::default());
        let instance = relay.instance().to_owned();
        presence::start(presence.clone(), pool.clone(), hub.clone(), instance);
        crate::server::accounts::credential_changes::watch(pool.clone(), hub.clone());
        let shutdown = CancellationToken::new();
        relay.start(shutdown.clone());
        AppState {
            presence,
            leptos_options,
            writer: Arc::new(Writer::start(pool.clone(), relay.clone())),
            relay,
            metrics,
            search_pool: crate::server::db::search_pool(&pool),
            pool,
            hub,
            room_rate: Arc::default(),
            exports: Arc::default(),
            post_rate: Arc::new(PostRate::new(
                settings.posts_per_second,
                settings.post_burst,
            )),
            sign_in_throttle: Arc::default(),
            webhooks: Arc::default(),
            guest_rate: Arc::default(),
            settings: Arc::new(settings),
            shutdown,
            sockets: TaskTracker::new(),
        }
    }

    /// The state, from inside a server function.
    pub fn from_context() -> Result<AppState, AppError> {
        use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from Leptos context");
            AppError::Internal
        })
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
