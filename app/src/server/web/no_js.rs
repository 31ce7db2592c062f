//! Forms posted without JavaScript get post/redirect/get: success and failure both end in a
//! redirect to a page, failures carrying `?error=<code>` for the page to show.
use axum::http::{header::ACCEPT, request::Parts};
use leptos::prelude::use_context;

use crate::AppError;

/// A browser submitting a form by itself asks for HTML; the hydrated app's fetch does not.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(ACCEPT)?
                .to_str()
                .ok()
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// A server function failed: anyone but a plain form post (which is redirected with the error's
/// code) gets the error's own status, not the 500 server functions answer by default.
pub fn answer_with_status(err: &AppError) {
    if is_plain_form_post() {
        return;
    }
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(err.status_code()),
    ) {
        response.set_status(status);
    }
}

/// On failure of a plain form post, redirects to `page` with the error's code.
pub fn report<T>(result: Result<T, AppError>, page: &str) -> Result<T, AppError> {
    if let Err(err) = &result {
        if is_plain_form_post() {
            leptos_axum::redirect(&with_query(page, &[("error", err.code())]));
        }
    }
    result
}

/// Sends a plain form post back to `page` (the hydrated app stays where it is).
pub fn redirect_plain_form(page: &str) {
    if is_plain_form_post() {
        leptos_axum::redirect(page);
    }
}

/// Forms that lead elsewhere: on success everyone goes to `next` (the hydrated app navigates);
/// a plain form that failed goes back to `page` with the error, marked as `form`'s so that only
/// that form shows it (see `ui::components::shown_error_of`).
pub fn go_to(
    result: Result<(), AppError>,
    page: &str,
    form: &str,
    next: &str,
) -> Result<(), AppError> {
    report(result, &with_query(page, &[("form", form)]))?;
    leptos_axum::redirect(next);
    Ok(())
}

/// Forms that stay on their page: a plain form comes back to it, with the error if any.
pub fn stay(result: Result<(), AppError>, page: &str, form: &str) -> Result<(), AppError> {
    report(result, &with_query(page, &[("form", form)]))?;
    redirect_plain_form(page);
    Ok(())
}

/// `path` with `pairs` appended as a query string.
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let joiner = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joiner}{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_encoded_and_appended() {
        assert_eq!(
            with_query("/signup", &[("display_name", "山田 太郎")]),
            "/signup?display_name=%E5%B1%B1%E7%94%B0+%E5%A4%AA%E9%83%8E"
        );
        assert_eq!(
            with_query("/signin?next=%2F", &[("error", "x")]),
            "/signin?next=%2F&error=x"
        );
    }
}
