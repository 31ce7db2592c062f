//! Settings from flags or environment variables. Every one has a working default.
use std::{net::SocketAddr, num::NonZeroU32, path::PathBuf};

use app::server::messages::post_rate;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug, Clone)]
#[command(name = "kaiwa", version, about = "kaiwa (会話): self-hosted team chat")]
pub struct Config {
    /// Without a command, kaiwa serves.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Address to listen on.
    #[arg(long, env = "KAIWA_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Directory for data; the default database lives here as kaiwa.db.
    #[arg(long, env = "KAIWA_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// Database URL; defaults to sqlite://<data-dir>/kaiwa.db.
    #[arg(long, env = "KAIWA_DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// The public origin (e.g. https://chat.example.org) when behind a proxy that rewrites Host.
    #[arg(long, env = "KAIWA_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,

    /// Mark session cookies Secure (use when served over HTTPS).
    #[arg(long, env = "KAIWA_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// Served behind a reverse proxy: take the client's address (for sign-in throttling) from
    /// the last X-Forwarded-For entry, which the proxy appends.
    #[arg(long, env = "KAIWA_BEHIND_PROXY", default_value_t = false)]
    pub behind_proxy: bool,

    /// Let visitors enter general as guests, with only a nickname.
    #[arg(long, env = "KAIWA_GUESTS", default_value_t = false)]
    pub guests: bool,

    /// Posts one account may make per second (after a burst of --post-burst).
    #[arg(long, env = "KAIWA_POSTS_PER_SECOND", default_value_t = post_rate::DEFAULT_PER_SECOND)]
    pub posts_per_second: NonZeroU32,

    /// Posts one account may make at once before the per-second rate applies.
    #[arg(long, env = "KAIWA_POST_BURST", default_value_t = post_rate::DEFAULT_BURST)]
    pub post_burst: NonZeroU32,

    /// Seconds between heartbeats on live sockets: a socket that answers none of two is closed,
    /// and a browser that hears nothing for two reconnects.
    #[arg(long, env = "KAIWA_HEARTBEAT_SECONDS", default_value_t = app::model::live_protocol::HEARTBEAT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub heartbeat_seconds: u64,

    /// Serve Prometheus text at `GET /metrics` to requests with `Authorization: Bearer TOKEN`
    /// (without it, `/metrics` is not there).
    #[arg(long, env = "KAIWA_METRICS_TOKEN")]
    pub metrics_token: Option<String>,

    /// Log format.
    #[arg(long, env = "KAIWA_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Manage accounts from the shell (works while the server runs).
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Write a consistent copy of the database to FILE, safe while the server runs. Restore by
    /// stopping kaiwa and putting FILE in place of <data-dir>/kaiwa.db.
    Backup { file: PathBuf },
}

#[derive(Subcommand, Debug, Clone)]
pub enum AdminCommand {
    /// Create an account. Prints a generated password unless --password-stdin is given.
    CreateUser {
        username: String,
        /// Defaults to the username.
        #[arg(long)]
        display_name: Option<String>,
        /// Make the account an admin.
        #[arg(long)]
        admin: bool,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new password and sign the account out everywhere, ending its API tokens too
    /// (recovery without e-mail). A running server closes its open sockets within a second.
    /// Prints a generated password unless --password-stdin is given.
    ResetPassword {
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Make an account an admin (or, with --revoke, an ordinary member again).
    Promote {
        username: String,
        #[arg(long)]
        revoke: bool,
    },
    /// List accounts.
    Users,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("kaiwa.db").display()))
    }

    /// [`Config::database_url`] without its password, for logs.
    pub fn database_url_shown(&self) -> String {
        without_password(&self.database_url())
    }
}

/// `postgres://kaiwa:secret@db/kaiwa` as `postgres://kaiwa:***@db/kaiwa`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((user_info, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match user_info.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::without_password;

    #[test]
    fn a_database_password_never_reaches_the_logs() {
        assert_eq!(
            without_password("postgres://kaiwa:s3cr@t@db.internal:5432/kaiwa"),
            "postgres://kaiwa:***@db.internal:5432/kaiwa"
        );
        assert_eq!(
            without_password("postgres://kaiwa@127.0.0.1/kaiwa"),
            "postgres://kaiwa@127.0.0.1/kaiwa"
        );
        assert_eq!(
            without_password("sqlite://data/kaiwa.db"),
            "sqlite://data/kaiwa.db"
        );
    }
}
