use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::AppError;

/// The error a form should show: the last enhanced submission's result if there was one, else
/// the one a plain (no-JavaScript) form post carried back in `?error=`.
pub fn shown_error<T>(
    value: impl With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> Signal<Option<AppError>> {
    let query = use_query_map();
    Signal::derive(move || {
        value.with(|v| match v {
            Some(result) => result.as_ref().err().cloned(),
            None => query.with(|q| q.get("error").and_then(|code| AppError::from_code(&code))),
        })
    })
}

#[component]
pub fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <p class="form-error" role="alert">
                    {e.to_string()}
                </p>
            }
        })
    }
}
