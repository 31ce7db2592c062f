use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{i18n::use_lang, rules::REACTIONS, tr};

/// The reactions on offer for one message, each a plain form (a full post and redirect back to
/// the message, with or without JavaScript).
#[component]
pub fn ReactPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = params.with_untracked(|p| p.get("slug").unwrap_or_default());
    let seq = params.with_untracked(|p| p.get("seq").unwrap_or_default());
    let back = format!("/rooms/{slug}?around={seq}");
    view! {
        <Title text=tr!(lang, "react-title") />
        <main class="card">
            <h1>{tr!(lang, "react-heading")}</h1>
            <ul class="palette">
                {REACTIONS
                    .iter()
                    .map(|emoji| {
                        view! {
                            <li>
                                <form method="post" action="/api/toggle_reaction">
                                    <input type="hidden" name="room" value=slug.clone() />
                                    <input type="hidden" name="seq" value=seq.clone() />
                                    <input type="hidden" name="emoji" value=*emoji />
                                    <button type="submit" aria-label=tr!(lang, "react-with", emoji = *emoji)>{*emoji}</button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p><a href=back>{tr!(lang, "cancel")}</a></p>
        </main>
    }
}
