//! How responses travel: compressed when the client accepts it, and cached as long as they stay
//! true.
//! - `/pkg/…` (the build's JS, WASM and CSS) have a hash of their content in their names
//!   (cargo-leptos `hash-files`), so browsers keep them for a year without asking again, and a
//!   new release has new names. They are compressed once, at build time
//!   (`scripts/build.sh`: `cargo leptos build --release --precompress` writes `.br` and `.gz` beside each), and
//!   leptos_axum's file handler sends the variant the client accepts.
//! - Icons and the manifest are kept for a day.
//! - Everything else (pages, the API, server functions) is `no-cache`: a browser may keep a copy
//!   but asks first, so a deploy is seen at once. Pages are `private` too (they are someone's).
//! - What is not precompressed is compressed on the fly (brotli or gzip), except a response
//!   marked `no-store`. A page that shows a secret (a token, shown once) says `no-store`, so
//!   no compressed response holds a secret beside text someone else wrote (BREACH).
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue},
    middleware::Next,
    response::Response,
};
use tower_http::compression::{
    predicate::{DefaultPredicate, Predicate},
    CompressionLayer,
};

use app::server::AppState;

/// For files whose names change with their content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For icons and the manifest.
pub const A_DAY: &str = "public, max-age=86400";
/// For pages and answers: keep a copy if you like, but ask first.
pub const ASK_FIRST: &str = "private, no-cache";

/// Sets `Cache-Control` on successful responses that have not set their own.
pub async fn cache_control(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let policy = policy(request.uri().path(), state.leptos_options.hash_files);
    let mut response = next.run(request).await;
    let status = response.status();
    if status.is_success() || status == axum::http::StatusCode::NOT_MODIFIED {
        response
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static(policy));
    }
    say_it_varies(response.headers_mut());
    response
}

/// A precompressed file says which copy it is, but not that the copy depends on the request's
/// Accept-Encoding: without `Vary`, a shared cache could hand brotli to a client that cannot
/// read it.
fn say_it_varies(headers: &mut HeaderMap) {
    if !headers.contains_key(header::CONTENT_ENCODING) {
        return;
    }
    let varies = headers.get_all(header::VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

fn policy(path: &str, hashed_names: bool) -> &'static str {
    match path {
        // Without hashed names (a development build), a file keeps its name across builds.
        _ if path.starts_with("/pkg/") && hashed_names => IMMUTABLE,
        "/favicon.svg" | "/manifest.webmanifest" => A_DAY,
        _ if path.starts_with("/icons/") => A_DAY,
        _ => ASK_FIRST,
    }
}

/// Brotli or gzip for whatever is worth it (tower-http's defaults: not images, not tiny bodies,
/// not what is already encoded), but never a response that says `no-store`.
pub fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .compress_when(DefaultPredicate::new().and(NotSecret))
}

#[derive(Clone, Copy)]
struct NotSecret;

impl Predicate for NotSecret {
    fn should_compress<B>(&self, response: &axum::http::Response<B>) -> bool
    where
        B: axum::body::HttpBody,
    {
        !response
            .headers()
            .get_all(header::CACHE_CONTROL)
            .iter()
            .any(|value| value.to_str().is_ok_and(|v| v.contains("no-store")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_response_has_its_policy() {
        assert_eq!(policy("/pkg/kaiwa.0123abcd.wasm", true), IMMUTABLE);
        assert_eq!(policy("/pkg/kaiwa.wasm", false), ASK_FIRST);
        assert_eq!(policy("/icons/icon-192.png", true), A_DAY);
        assert_eq!(policy("/manifest.webmanifest", true), A_DAY);
        assert_eq!(policy("/rooms/general", true), ASK_FIRST);
        assert_eq!(policy("/api/v1/rooms/general/messages", true), ASK_FIRST);
    }

    #[test]
    fn an_encoded_response_says_it_varies_once_and_a_plain_one_does_not() {
        let mut plain = HeaderMap::new();
        say_it_varies(&mut plain);
        assert!(plain.get(header::VARY).is_none());

        let mut encoded = HeaderMap::new();
        encoded.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        say_it_varies(&mut encoded);
        say_it_varies(&mut encoded);
        assert_eq!(encoded.get_all(header::VARY).iter().count(), 1);
        assert_eq!(encoded[header::VARY], "accept-encoding");
    }
}
