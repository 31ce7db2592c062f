use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::problem;
use crate::{
    api::messages::{load_own_message, EditMessage},
    i18n::use_lang,
    model::Message,
    tr,
    ui::components::{shown_error, FormError, Loading},
};

/// Editing one's own message, on a page of its own so it works the same without JavaScript.
#[component]
pub fn EditMessagePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let seq = move || params.with(|p| p.get("seq").and_then(|s| s.parse::<i64>().ok()));
    let message = Resource::new(
        move || (slug(), seq()),
        |(slug, seq)| async move {
            match seq {
                Some(seq) => load_own_message(slug, seq).await,
                None => Err(crate::AppError::MessageNotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match message.await {
                    Ok(message) => view! { <EditForm message /> }.into_any(),
                    Err(e) => problem(e, format!("/rooms/{}", slug())),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditForm(message: Message) -> impl IntoView {
    let lang = use_lang();
    let edit = ServerAction::<EditMessage>::new();
    let back = format!("/rooms/{}", message.room);
    view! {
        <Title text=tr!(lang, "edit-title") />
        <main class="card wide">
            <h1>{tr!(lang, "edit-title")}</h1>
            <FormError error=shown_error(edit.value()) />
            <ActionForm action=edit>
                <input type="hidden" name="room" value=message.room.clone() />
                <input type="hidden" name="seq" value=message.seq />
                <label for="edit-body">{tr!(lang, "composer-label")}</label>
                <textarea id="edit-body" name="body" rows="6" required>{message.body}</textarea>
                <button type="submit" disabled=move || edit.pending().get()>{tr!(lang, "save")}</button>
            </ActionForm>
            <p><a href=back>{tr!(lang, "cancel")}</a></p>
        </main>
    }
}
