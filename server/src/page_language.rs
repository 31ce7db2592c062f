//! Chooses each page's language before it renders: the reader's own setting needs the database,
//! and the page's shell (`<html lang>`) is rendered synchronously.
use app::server::{
    web::page_context::{self, ChosenLang},
    AppState,
};
use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::Response,
};

pub async fn choose(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if is_page(request.method(), request.uri().path()) {
        let lang = page_context::language(&state.pool, request.headers()).await;
        request.extensions_mut().insert::<ChosenLang>(lang);
    }
    next.run(request).await
}

/// A page, not the API, a server function, the socket or a static file.
fn is_page(method: &Method, path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    matches!(*method, Method::GET | Method::HEAD)
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && !file.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_a_language_and_files_do_not() {
        assert!(is_page(&Method::GET, "/rooms/general"));
        assert!(is_page(&Method::GET, "/"));
        assert!(!is_page(&Method::GET, "/pkg/kaiwa.wasm"));
        assert!(!is_page(&Method::GET, "/favicon.svg"));
        assert!(!is_page(&Method::GET, "/api/v1/rooms"));
        assert!(!is_page(&Method::POST, "/api/sign_in"));
    }
}
