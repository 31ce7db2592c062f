use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{i18n::use_lang, AppError};

/// The error a page's main form should show: the last enhanced submission's result if there
/// was one, else the one a plain (no-JavaScript) form post carried back in `?error=`.
pub fn shown_error<T>(
    value: impl With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> Signal<Option<AppError>> {
    shown_error_of(value, "")
}

/// The same for one of several forms on a page: a plain post's error is shown only by the form
/// named in `?form=`.
pub fn shown_error_of<T>(
    value: impl With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    form: &'static str,
) -> Signal<Option<AppError>> {
    let query = use_query_map();
    Signal::derive(move || {
        value.with(|v| match v {
            Some(result) => result.as_ref().err().cloned(),
            None => query.with(|q| {
                let mine = q.get("form").unwrap_or_default() == form;
                q.get("error")
                    .filter(|_| mine)
                    .and_then(|code| AppError::from_code(&code))
            }),
        })
    })
}

#[component]
pub fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().map(|e| {
            view! {
                <p class="form-error" role="alert">
                    {lang.error(&e)}
                </p>
            }
        })
    }
}
