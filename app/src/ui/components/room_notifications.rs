use leptos::{form::ActionForm, prelude::*};

use super::{shown_error_of, FormError, NotificationPermission};
use crate::{
    api::preferences::SetRoomNotifications,
    i18n::use_lang,
    model::{Notify, RoomSummary},
    tr,
};

/// Which of this room's messages notify the reader (a member), as a plain form that the
/// hydrated page sends in place.
#[component]
pub fn RoomNotifications(room: String, rooms: RwSignal<Vec<RoomSummary>>) -> impl IntoView {
    let lang = use_lang();
    let set = ServerAction::<SetRoomNotifications>::new();
    let slug = StoredValue::new(room.clone());
    let current = rooms.with_untracked(|list| {
        list.iter()
            .find(|r| r.slug == room)
            .map(|r| r.notify)
            .unwrap_or_default()
    });
    Effect::new(move |_| {
        if let Some(Ok(level)) = set.value().get() {
            rooms.update(|list| {
                if let Some(r) = list.iter_mut().find(|r| slug.with_value(|s| *s == r.slug)) {
                    r.notify = level;
                }
            });
        }
    });
    let posted = crate::ui::query_value("saved").as_deref() == Some("notify");
    let saved = move || match set.value().get() {
        Some(result) => result.is_ok(),
        None => posted,
    };
    let choice = move |level: Notify, text: String| {
        view! {
            <label class="choice">
                <input type="radio" name="notify" value=level.code() checked=current == level />
                " " {text}
            </label>
        }
    };
    view! {
        <section class="room-notifications" aria-labelledby="notify-heading">
            <h2 id="notify-heading">{tr!(lang, "room-notify-heading")}</h2>
            <FormError error=shown_error_of(set.value(), "notify") />
            <ActionForm action=set>
                <input type="hidden" name="room" value=room />
                <fieldset>
                    <legend class="visually-hidden">{tr!(lang, "room-notify-heading")}</legend>
                    {choice(Notify::All, tr!(lang, "room-notify-all"))}
                    {choice(Notify::Mentions, tr!(lang, "room-notify-mentions"))}
                    {choice(Notify::Nothing, tr!(lang, "room-notify-nothing"))}
                </fieldset>
                <button type="submit">{tr!(lang, "room-notify-save")}</button>
                <Show when=saved>
                    <span aria-live="polite" class="saved">{tr!(lang, "room-notify-saved")}</span>
                </Show>
            </ActionForm>
            <NotificationPermission />
        </section>
    }
}
