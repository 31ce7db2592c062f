//! `kaiwa admin …` and `kaiwa backup FILE`: the same binary, working on the same database as
//! the server (SQLite lets both run at once; on PostgreSQL, `backup` says to use pg_dump).
use std::{error::Error, io::BufRead, path::Path};

use app::server::accounts::admin;
use app::server::db::Store;
use rand::{distributions::Alphanumeric, Rng};

use crate::config::{AdminCommand, Command};

/// Runs `command` and returns what to print.
pub async fn run(pool: &Store, command: Command) -> Result<String, Box<dyn Error>> {
    match command {
        Command::Backup { file } => backup(pool, &file).await,
        Command::Admin(command) => run_admin(pool, command).await,
    }
}

async fn run_admin(pool: &Store, command: AdminCommand) -> Result<String, Box<dyn Error>> {
    Ok(match command {
        AdminCommand::CreateUser {
            username,
            display_name,
            admin,
            password_stdin,
        } => {
            let (password, shown) = password(password_stdin)?;
            let name = display_name.as_deref().unwrap_or(&username);
            let me = admin::create_user(pool, &username, name, &password, admin).await?;
            let role = if me.is_admin { "admin" } else { "member" };
            format!("created {} ({role}){shown}", me.username)
        }
        AdminCommand::ResetPassword {
            username,
            password_stdin,
        } => {
            let (password, shown) = password(password_stdin)?;
            let me = admin::reset_password(pool, &username, &password).await?;
            format!(
                "new password set for {}; every session and token ended{shown}",
                me.username
            )
        }
        AdminCommand::Promote { username, revoke } => {
            let me = admin::promote(pool, &username, !revoke).await?;
            match me.is_admin {
                true => format!("{} is an admin", me.username),
                false => format!("{} is no longer an admin", me.username),
            }
        }
        AdminCommand::Users => admin::all_users(pool)
            .await?
            .into_iter()
            .map(|u| {
                let mut marks = Vec::new();
                if u.is_admin {
                    marks.push("admin");
                }
                if u.deactivated {
                    marks.push("deactivated");
                }
                format!("{}\t{}\t{}", u.username, u.display_name, marks.join(","))
            })
            .collect::<Vec<_>>()
            .join("\n"),
    })
}

/// The password to set, and what to print about it: a generated one is shown once.
fn password(from_stdin: bool) -> Result<(String, String), Box<dyn Error>> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        let password = line.trim_end_matches(['\r', '\n']).to_owned();
        return Ok((password, String::new()));
    }
    let password: String = rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(20)
        .map(char::from)
        .collect();
    let shown = format!("\npassword: {password}\n(shown once: pass it on safely)");
    Ok((password, shown))
}

async fn backup(pool: &Store, file: &Path) -> Result<String, Box<dyn Error>> {
    if file.exists() {
        return Err(format!("{} exists already: choose a new file", file.display()).into());
    }
    admin::backup(pool, file).await?;
    let bytes = std::fs::metadata(file)?.len();
    Ok(format!("backed up to {} ({bytes} bytes)", file.display()))
}
