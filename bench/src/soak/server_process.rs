//! The kaiwa server as a child process the soak can kill with SIGKILL and start again.
use std::{
    process::{Child, Command},
    time::Duration,
};

use crate::client;

pub struct Server {
    pub bin: String,
    pub port: u16,
    pub data: std::path::PathBuf,
    /// PostgreSQL shared with other instances (`None`: SQLite in `data`).
    pub database_url: Option<String>,
    pub child: Option<Child>,
}

impl Server {
    pub fn start(&mut self) -> Result<(), client::Error> {
        let mut command = Command::new(&self.bin);
        command
            .args(["--addr", &format!("127.0.0.1:{}", self.port), "--data-dir"])
            .arg(&self.data)
            .args(["--posts-per-second", "100000", "--post-burst", "100000"])
            .env("RUST_LOG", "warn");
        if let Some(url) = &self.database_url {
            command.args(["--database-url", url]);
        }
        let child = command.spawn()?;
        self.child = Some(child);
        Ok(())
    }

    pub async fn wait_ready(&self) {
        let url = format!("http://127.0.0.1:{}/readyz", self.port);
        while reqwest::get(&url)
            .await
            .map(|r| !r.status().is_success())
            .unwrap_or(true)
        {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
        }
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}
