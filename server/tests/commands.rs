//! `kaiwa admin …` and `kaiwa backup`: accounts made and mended from the shell, and a backup
//! that restores into a working instance.
mod support;

use app::server::{accounts, accounts::sessions, db, messages};
use axum::http::{HeaderMap, StatusCode};
use server::{
    commands::run,
    config::{AdminCommand, Command},
};
use sqlx::SqlitePool;
use support::{get, send, Kaiwa};

fn generated_password(printed: &str) -> String {
    printed
        .lines()
        .find_map(|l| l.strip_prefix("password: "))
        .expect("a generated password is printed")
        .to_owned()
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn create_promote_and_reset_from_the_shell(pool: SqlitePool) {
    let pool = app::server::db::Store::for_tests(pool).await;
    let create = |username: &str, admin| {
        Command::Admin(AdminCommand::CreateUser {
            username: username.to_owned(),
            display_name: Some("山田 花子".to_owned()),
            admin,
            password_stdin: false,
        })
    };
    let printed = run(&pool, create("hanako", false)).await.unwrap();
    assert!(
        printed.starts_with("created hanako (admin)"),
        "the first account is the admin: {printed}"
    );
    let printed = run(&pool, create("taro", false)).await.unwrap();
    assert!(printed.starts_with("created taro (member)"), "{printed}");
    let password = generated_password(&printed);
    let taro = accounts::sign_in(&pool, "taro", &password).await.unwrap();
    assert!(!taro.is_admin);
    assert!(
        run(&pool, create("taro", false)).await.is_err(),
        "username taken"
    );

    let promote = |username: &str, revoke| {
        Command::Admin(AdminCommand::Promote {
            username: username.to_owned(),
            revoke,
        })
    };
    run(&pool, promote("taro", false)).await.unwrap();
    assert!(
        accounts::sign_in(&pool, "taro", &password)
            .await
            .unwrap()
            .is_admin
    );
    run(&pool, promote("hanako", true)).await.unwrap();
    let last = run(&pool, promote("taro", true)).await.unwrap_err();
    assert!(last.to_string().contains("only admin"), "{last}");
    assert!(run(&pool, promote("nobody", false)).await.is_err());

    // Recovery: a new password, and every old session ends.
    let cookie = sessions::start(&pool, taro.id, &HeaderMap::new(), false)
        .await
        .unwrap();
    let mut headers = HeaderMap::new();
    headers.insert("cookie", cookie.split(';').next().unwrap().parse().unwrap());
    let reset = Command::Admin(AdminCommand::ResetPassword {
        username: "taro".to_owned(),
        password_stdin: false,
    });
    let printed = run(&pool, reset).await.unwrap();
    let new_password = generated_password(&printed);
    assert_ne!(new_password, password);
    assert!(accounts::sign_in(&pool, "taro", &password).await.is_err());
    assert!(accounts::sign_in(&pool, "taro", &new_password)
        .await
        .is_ok());
    assert_eq!(sessions::user(&pool, &headers).await.unwrap(), None);
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_backup_restores_into_a_working_instance(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let pool = kaiwa.state.pool.clone();
    let (alice, _) = kaiwa.person("alice", "Alice").await;
    messages::post(
        &kaiwa.state,
        &alice,
        "general",
        "backup-check-01",
        "バックアップ前の会話",
        None,
    )
    .await
    .unwrap();

    let dir = std::env::temp_dir().join(format!("kaiwa-backup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("backup-{}.db", rand_suffix()));
    if pool.is_postgres() {
        let refused = run(&pool, Command::Backup { file }).await.unwrap_err();
        assert!(refused.to_string().contains("pg_dump"), "{refused}");
        return;
    }
    let printed = run(&pool, Command::Backup { file: file.clone() })
        .await
        .unwrap();
    assert!(printed.starts_with("backed up to"), "{printed}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a backup is its owner's alone");
    }
    let again = run(&pool, Command::Backup { file: file.clone() })
        .await
        .unwrap_err();
    assert!(again.to_string().contains("exists already"), "{again}");

    // Restore: a fresh instance on the copy.
    let restored = db::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    #[cfg(unix)]
    for journal in ["", "-wal"] {
        use std::os::unix::fs::PermissionsExt;
        let path = format!("{}{journal}", file.display());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{path}");
    }
    let instance = Kaiwa::on(restored, Default::default()).await;
    let me = accounts::sign_in(&instance.state.pool, "alice", "password-123")
        .await
        .unwrap();
    let cookie = sessions::start(&instance.state.pool, me.id, &HeaderMap::new(), false)
        .await
        .unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let page = send(&instance, get("/rooms/general", &cookie)).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(support::text(page).await.contains("バックアップ前の会話"));
    let _ = std::fs::remove_dir_all(&dir);
}

fn rand_suffix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as i64
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_reset_from_the_shell_closes_a_running_servers_sockets_and_ends_tokens(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let pool = kaiwa.state.pool.clone();
    kaiwa.person("alice", "Alice").await;
    let (bob, bobs) = kaiwa.person("bob", "Bob").await;
    let token = app::server::accounts::api_tokens::create(&kaiwa.state, &bob, "script")
        .await
        .unwrap();
    let mut by_session = support::live(&kaiwa, "general", Some(&bobs), &kaiwa.origin(), 0)
        .await
        .unwrap();
    let mut by_token = support::live_with_bearer(&kaiwa, "general", &token, 0)
        .await
        .unwrap();
    support::next_event(&mut by_session).await; // caught up
    support::next_event(&mut by_token).await;

    // Another process (here: the same commands, without the server's hub) resets the password.
    let reset = Command::Admin(AdminCommand::ResetPassword {
        username: "bob".into(),
        password_stdin: false,
    });
    let printed = run(&pool, reset).await.unwrap();
    assert!(
        printed.contains("every session and token ended"),
        "{printed}"
    );
    assert_eq!(support::close_code(&mut by_session).await, Some(4401));
    assert_eq!(support::close_code(&mut by_token).await, Some(4401));
    let me = send(&kaiwa, support::bearer_get("/api/v1/me", &token)).await;
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}
