use leptos::prelude::*;

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
    let posted = posted_error(form);
    Signal::derive(move || {
        value.with(|v| match v {
            Some(result) => result.as_ref().err().cloned(),
            None => posted.clone(),
        })
    })
}

/// The error a plain form post of `form` carried back in `?error=` (named in `?form=`).
pub fn posted_error(form: &str) -> Option<AppError> {
    let mine = crate::ui::query_value("form").unwrap_or_default() == form;
    crate::ui::query_value("error")
        .filter(|_| mine)
        .and_then(|code| AppError::from_code(&code))
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
