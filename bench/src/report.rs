//! What every result records: the machine, the command, and latency summaries.
use hdrhistogram::Histogram;

pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    format!("{cores} cores available to the generator, CPU: {cpu}")
}

pub fn command() -> String {
    std::env::args().collect::<Vec<_>>().join(" ")
}

pub fn millis(h: &Histogram<u64>) -> String {
    let ms = |q: f64| h.value_at_quantile(q) as f64 / 1000.0;
    format!(
        "p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (n = {})",
        ms(0.5),
        ms(0.99),
        h.max() as f64 / 1000.0,
        h.len()
    )
}

/// How a heading names the deployment when there is more than one instance.
pub fn instances(urls: &[String]) -> String {
    match urls.len() {
        1 => String::new(),
        n => format!(", {n} instances"),
    }
}

pub fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 120_000_000, 3).expect("valid histogram bounds")
}

/// Resident memory of a process in KiB, from /proc.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Waits for worker tasks that each return (latencies, failures) and adds them up.
pub async fn gather(
    tasks: Vec<tokio::task::JoinHandle<(Histogram<u64>, u64)>>,
) -> Result<(Histogram<u64>, u64), Box<dyn std::error::Error>> {
    let mut all = histogram();
    let mut failed = 0;
    for task in tasks {
        let (h, f) = task.await?;
        all.add(&h)?;
        failed += f;
    }
    Ok((all, failed))
}
