use axum::http::{header, HeaderMap, HeaderValue};

use super::*;
use crate::server::fixtures::kaiwa;

/// A browser that sends `cookies` (each `name=value; attributes` as set) and `accept`.
fn browser(cookies: &[&str], accept: &str) -> HeaderMap {
    let pairs: Vec<&str> = cookies
        .iter()
        .map(|c| c.split(';').next().unwrap())
        .collect();
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ACCEPT_LANGUAGE,
        HeaderValue::from_str(accept).unwrap(),
    );
    if !pairs.is_empty() {
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&pairs.join("; ")).unwrap(),
        );
    }
    headers
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_japanese_browser_reads_japanese_until_its_reader_chooses_english(
    pool: sqlx::SqlitePool,
) {
    let k = kaiwa(pool).await;
    let session = sessions::start(&k.state.pool, k.bob.id, &HeaderMap::new(), false)
        .await
        .unwrap();
    let japanese_browser = browser(&[&session], "ja-JP,ja;q=0.9");
    assert_eq!(
        page_context::language(&k.state.pool, &japanese_browser)
            .await
            .lang,
        Lang::Ja
    );

    let cookie = set_language(&k.state, &japanese_browser, "en")
        .await
        .unwrap();
    assert!(
        cookie.starts_with("kaiwa_lang=en;") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    // The account's choice holds on every browser of theirs, even one without that cookie.
    assert_eq!(
        page_context::language(&k.state.pool, &japanese_browser)
            .await
            .lang,
        Lang::En
    );
    assert_eq!(
        db::preferences::language(&k.state.pool, k.bob.id)
            .await
            .unwrap(),
        Some(Lang::En)
    );

    // "Automatic" follows the browser again.
    let cleared = set_language(&k.state, &japanese_browser, "auto")
        .await
        .unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(
        page_context::language(&k.state.pool, &japanese_browser)
            .await
            .lang,
        Lang::Ja
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_visitor_who_picks_a_language_keeps_it_on_this_browser(pool: sqlx::SqlitePool) {
    let k = kaiwa(pool).await;
    let english_browser = browser(&[], "en-US,en;q=0.9");
    let cookie = set_language(&k.state, &english_browser, "ja")
        .await
        .unwrap();
    let after = browser(&[&cookie], "en-US,en;q=0.9");
    assert_eq!(
        page_context::language(&k.state.pool, &after).await.lang,
        Lang::Ja
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn only_offered_languages_and_themes_are_taken(pool: sqlx::SqlitePool) {
    let k = kaiwa(pool).await;
    let headers = browser(&[], "en");
    assert_eq!(
        set_language(&k.state, &headers, "fr").await,
        Err(AppError::Invalid(Invalid::Language))
    );
    assert_eq!(
        set_theme(&k.state, &headers, "sepia").map(|(t, _)| t),
        Err(AppError::Invalid(Invalid::Theme))
    );
    let (theme, cookie) = set_theme(&k.state, &headers, "dark").unwrap();
    assert_eq!(theme, Theme::Dark);
    assert!(cookie.starts_with("kaiwa_theme=dark;"), "{cookie}");
    assert_eq!(page_context::theme(&browser(&[&cookie], "en")), Theme::Dark);
}
