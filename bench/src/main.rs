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
    /// The server, e.g. http://127.0.0.1:3000; several instances of one deployment separated by
    /// commas (fan-out, posting and page spread their clients over them).
    #[arg(
        long,
        default_value = "http://127.0.0.1:3000",
        global = true,
        value_delimiter = ','
    )]
    url: Vec<String>,
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
    let urls = &cli.url;
    match cli.scenario {
        Scenario::Fanout(args) => fanout::run(urls, args).await,
        Scenario::Posting(args) => posting::run(urls, args).await,
        Scenario::Page(args) => page::run(urls, args).await,
        Scenario::Presence(args) => presence::run(&urls[0], args).await,
        Scenario::Soak(args) => soak::run(args).await,
        Scenario::Hostile(args) => hostile::run(&urls[0], args).await,
    }
}
