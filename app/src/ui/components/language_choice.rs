use leptos::prelude::*;

use crate::{
    i18n::{use_lang, Lang},
    model::PageContext,
    tr,
};

/// Picks the interface's language: automatic (the browser's), English or 日本語. Always a plain
/// form: a page speaks one language, so the new one comes with a fresh page, JavaScript or not.
/// `compact` is the one-line form under the sign-in and sign-up cards.
#[component]
pub fn LanguageChoice(#[prop(optional)] compact: bool) -> impl IntoView {
    let lang = use_lang();
    let chosen = use_context::<PageContext>().and_then(|page| page.lang_setting);
    let here = crate::ui::current_path();
    let option = move |value: &'static str, text: String, selected: bool| {
        view! { <option value=value selected=selected>{text}</option> }
    };
    let options = [
        option("auto", tr!(lang, "language-auto"), chosen.is_none()),
        option("en", Lang::En.name().to_owned(), chosen == Some(Lang::En)),
        option("ja", Lang::Ja.name().to_owned(), chosen == Some(Lang::Ja)),
    ];
    view! {
        <form method="post" action="/api/set_language" class="language-choice" class:compact=compact>
            <input type="hidden" name="next" value=here />
            <label for="language">{tr!(lang, "language-label")}</label>
            <div class="row">
                <select id="language" name="language">{options}</select>
                <button type="submit">{tr!(lang, "language-apply")}</button>
            </div>
        </form>
    }
}
