//! kaiwa-bench: one command per scenario, against a running kaiwa (see bench/README.md).
mod client;
mod fanout;
mod hostile;
mod page;
mod posting;
mod presence;
mod report;
mod soak;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Load generator for kaiwa")]
struct Cli {
    /// The server, e.g. http://127.0.0.1:3000
    #[arg(long, default_value = "http://127.0.0.1:3000", global = true)]
    url: String,
    #[command(subcommand)]
    scenario: Scenario,
}

#[derive(Subcommand)]
enum Scenario {
    /// N sockets in one room, paced posts; latency to every recipient and completeness.
    Fanout(fanout::Args),
    /// Concurrent senders posting as fast as acks come back.
    Posting(posting::Args),
    /// The server-rendered room page under concurrent readers.
    Page(page::Args),
    /// M members online in one room, some coming and going: presence cost and latency.
    Presence(presence::Args),
    /// Posting while sockets drop and the server is SIGKILLed and restarted; checks completeness.
    Soak(soak::Args),
    /// Ordinary people chatting while one account does everything hostile at its limits.
    Hostile(hostile::Args),
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    match cli.scenario {
        Scenario::Fanout(args) => fanout::run(&cli.url, args).await,
        Scenario::Posting(args) => posting::run(&cli.url, args).await,
        Scenario::Page(args) => page::run(&cli.url, args).await,
        Scenario::Presence(args) => presence::run(&cli.url, args).await,
        Scenario::Soak(args) => soak::run(&cli.url, args).await,
        Scenario::Hostile(args) => hostile::run(&cli.url, args).await,
    }
}
