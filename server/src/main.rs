use std::{error::Error, io::Write};

use app::server::{db, AppState, Settings};
use clap::Parser;
use leptos::config::get_configuration;
use server::config::{Command, Config, LogFormat};
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc malloc: pages are built from many small allocations (glibc spent a
/// fifth of the page benchmark in malloc/free and consolidation), and each argon2id hash frees
/// 19 MiB that glibc's adaptive threshold kept resident (+16 MiB per sign-in, 340 MiB after 20).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let config = Config::parse();
    if let Some(command) = config.command.clone() {
        return run_command(&config, command).await;
    }
    init_logging(config.log_format);

    let mut leptos_options = get_configuration(None)?.leptos_options;
    leptos_options.site_addr = config.addr;
    // A release build names its assets after their content and lists the names in `hash.txt`
    // beside the binary; run directly (`make run`), the binary finds them there.
    let hashes = std::env::current_exe()?.with_file_name(&*leptos_options.hash_file);
    leptos_options.hash_files |= hashes.exists();

    std::fs::create_dir_all(&config.data_dir)?;
    let pool = db::connect(&config.database_url()).await?;
    let rendered = app::server::messages::formatting::render_missing(&pool).await?;
    if rendered > 0 {
        tracing::info!(rendered, "rendered messages stored before formatting");
    }
    let settings = Settings {
        public_origin: config.public_origin.clone(),
        secure_cookies: config.secure_cookies,
        posts_per_second: config.posts_per_second,
        post_burst: config.post_burst,
        behind_proxy: config.behind_proxy,
        guests: config.guests,
        heartbeat: std::time::Duration::from_secs(config.heartbeat_seconds),
        metrics_token: config.metrics_token.clone().filter(|t| !t.is_empty()),
        ..Settings::default()
    };
    let state = AppState::new(leptos_options, pool.clone(), settings);

    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    tracing::info!(addr = %config.addr, database = %config.database_url_shown(), "kaiwa is listening");
    let app = server::router(state.clone());
    let limits = server::serve::Limits::default();
    server::serve::serve(listener, app, shutdown_signal(state.clone()), limits).await;

    // HTTP requests have finished; give sockets a moment to send their close frames.
    state.sockets.close();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), state.sockets.wait()).await;
    if let Err(err) = db::presence::forget(&pool, state.relay.instance()).await {
        tracing::warn!(?err, "could not say this instance stopped");
    }
    pool.close().await;
    tracing::info!("kaiwa stopped");
    Ok(())
}

/// `kaiwa admin …` or `kaiwa backup FILE`: print the outcome, or the error and exit with 1.
async fn run_command(config: &Config, command: Command) -> Result<(), Box<dyn Error>> {
    let outcome = async {
        if config.database_url.is_none() && !config.data_dir.join("kaiwa.db").exists() {
            if let Command::Backup { .. } = command {
                return Err(format!("no database at {}", config.database_url()).into());
            }
            std::fs::create_dir_all(&config.data_dir)?;
        }
        let pool = db::connect(&config.database_url()).await?;
        let printed = server::commands::run(&pool, command).await;
        pool.close().await;
        printed
    }
    .await;
    match outcome {
        Ok(printed) => {
            // A closed pipe (`kaiwa admin users | head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout(), "{printed}");
            Ok(())
        }
        Err(err) => {
            eprintln!("kaiwa: {err}");
            std::process::exit(1);
        }
    }
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

/// Resolves on SIGINT or SIGTERM, after telling live sockets to close.
async fn shutdown_signal(state: AppState) {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
    tracing::info!("shutting down: no new connections; closing live sockets");
    state.shutdown.cancel();
}
