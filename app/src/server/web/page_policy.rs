//! The Content-Security-Policy of server-rendered pages. Leptos puts a fresh nonce on every
//! inline script it renders (hydration, resources); only those and our own files may run.
use axum::http::{header::CONTENT_SECURITY_POLICY, HeaderValue};
use leptos::{nonce::use_nonce, prelude::use_context};

pub fn send_content_security_policy() {
    let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    // `cargo leptos watch` reloads the page through a socket on another port.
    let dev_reload = if std::env::var_os("LEPTOS_WATCH").is_some() {
        " ws:"
    } else {
        ""
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'{dev_reload}; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
