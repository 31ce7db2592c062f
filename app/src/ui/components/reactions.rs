use leptos::{form::ActionForm, prelude::*};

use super::Viewer;
use crate::{api::messages::ToggleReaction, i18n::use_lang, model::Message, tr};

/// The emoji on a message with their counts; a member toggles their own by pressing one, and
/// "React" (a page of its own, so it works without JavaScript) offers the rest.
#[component]
pub fn Reactions(message: Message) -> impl IntoView {
    let lang = use_lang();
    let viewer = use_context::<Viewer>();
    let member = viewer.as_ref().is_some_and(|v| v.is_member);
    let me = viewer
        .as_ref()
        .map(|v| v.username.clone())
        .unwrap_or_default();
    let room = message.room.clone();
    let chips = message
        .reactions
        .into_iter()
        .map(|reaction| {
            let room = room.clone();
            let count = reaction.usernames.len();
            let mine = reaction.usernames.contains(&me);
            let label = format!("{} {count}: {}", reaction.emoji, reaction.usernames.join(", "));
            let text = format!("{} {count}", reaction.emoji);
            if member {
                let toggle = ServerAction::<ToggleReaction>::new();
                view! {
                    <ActionForm action=toggle attr:class="inline">
                        <input type="hidden" name="room" value=room.clone() />
                        <input type="hidden" name="seq" value=message.seq />
                        <input type="hidden" name="emoji" value=reaction.emoji.clone() />
                        <button type="submit" class="chip" aria-pressed=mine.to_string() aria-label=label.clone() title=label>
                            {text}
                        </button>
                    </ActionForm>
                }
                .into_any()
            } else {
                view! { <span class="chip" aria-label=label.clone() title=label>{text}</span> }.into_any()
            }
        })
        .collect_view();
    let react = member.then(|| {
        let href = format!("/rooms/{}/messages/{}/react", message.room, message.seq);
        view! {
            <a class="react" href=href aria-label=tr!(lang, "react-label", seq = message.seq)>
                {tr!(lang, "react")}
            </a>
        }
    });
    view! { <div class="reactions">{chips} {react}</div> }
}
