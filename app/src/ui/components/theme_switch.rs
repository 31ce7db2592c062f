use leptos::{form::ActionForm, prelude::*};

use crate::{api::preferences::SetTheme, i18n::use_lang, model::Theme, tr, ui::theme::use_theme};

/// Light, dark or the system's: a plain form (the page comes back in the new theme), which the
/// hydrated page sends in place and applies at once.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let lang = use_lang();
    let theme = use_theme();
    let set = ServerAction::<SetTheme>::new();
    Effect::new(move |_| {
        if let Some(Ok(chosen)) = set.value().get() {
            theme.apply(chosen);
        }
    });
    let here = crate::ui::current_path();
    let current = theme.0.get_untracked();
    let option = move |value: Theme, text: String| {
        view! { <option value=value.code() selected=current == value>{text}</option> }
    };
    let options = [
        option(Theme::System, tr!(lang, "theme-system")),
        option(Theme::Light, tr!(lang, "theme-light")),
        option(Theme::Dark, tr!(lang, "theme-dark")),
    ];
    view! {
        <ActionForm action=set attr:class="theme-switch">
            <input type="hidden" name="next" value=here />
            <label for="theme">{tr!(lang, "theme-label")}</label>
            <div class="row">
                <select id="theme" name="theme">{options}</select>
                <button type="submit">{tr!(lang, "theme-apply")}</button>
            </div>
        </ActionForm>
    }
}
