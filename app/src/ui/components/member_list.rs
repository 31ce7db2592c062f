use std::collections::HashSet;

use leptos::prelude::*;

use super::{InviteForm, RemoveMember};
use crate::{
    api::person_path,
    i18n::use_lang,
    model::{Member, RoomKind},
    tr,
};

/// What the member list may offer the reader.
#[derive(Clone, Copy)]
pub struct MemberActions {
    pub me: i64,
    pub is_member: bool,
    pub can_remove: bool,
    pub kind: RoomKind,
}

/// The room's members, online first, with a presence dot updated live.
#[component]
pub fn MemberList(
    room: String,
    members: RwSignal<Vec<Member>>,
    member_count: RwSignal<i64>,
    online: RwSignal<HashSet<i64>>,
    actions: MemberActions,
    /// More for the column's end (the room's notification setting).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let room = StoredValue::new(room);
    let online_count = move || {
        members.with(|m| {
            online.with(|o| {
                // Members beyond those shown count too: the set holds every online member.
                o.len().max(m.iter().filter(|m| o.contains(&m.id)).count())
            })
        })
    };
    view! {
        <aside class="members" aria-labelledby="members-heading">
            <h2 id="members-heading">
                {tr!(lang, "members-heading")}
                " "
                <span class="count">
                    {move || {
                        tr!(lang, "members-count", total = member_count.get(), online = online_count())
                    }}
                </span>
            </h2>
            <ul>
                <For
                    each=move || members.get()
                    key=|m| m.id
                    children=move |member| {
                        let id = member.id;
                        let is_online = move || online.with(|o| o.contains(&id));
                        let whisper = (actions.is_member && id != actions.me
                            && actions.kind != RoomKind::Direct)
                            .then(|| {
                                let href = room.with_value(|r| format!("/rooms/{r}?to={}", member.username));
                                let label = tr!(lang, "whisper-label", name = lang.person(&member.display_name));
                                view! {
                                    <a class="whisper-link" href=href aria-label=label>
                                        {tr!(lang, "whisper")}
                                    </a>
                                }
                            });
                        let remove = (actions.can_remove && id != actions.me
                            && actions.kind != RoomKind::Direct)
                            .then(|| view! {
                                <RemoveMember room=room.get_value() username=member.username.clone() display_name=member.display_name.clone() />
                            });
                        view! {
                            <li class="member" class:online=is_online>
                                <span class="dot" aria-hidden="true"></span>
                                <a href=person_path(&member.username)>{lang.person(&member.display_name)}</a>
                                {crate::rules::is_guest(&member.username)
                                    .then(|| view! { <span class="tag guest">{tr!(lang, "tag-guest")}</span> })}
                                <span class="visually-hidden">
                                    " "
                                    {move || {
                                        if is_online() {
                                            tr!(lang, "member-online")
                                        } else {
                                            tr!(lang, "member-offline")
                                        }
                                    }}
                                </span>
                                {whisper}
                                {remove}
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || { member_count.get() > members.with(|m| m.len() as i64) }>
                <p class="hint">
                    {move || {
                        let more = member_count.get() - members.with(|m| m.len() as i64);
                        tr!(lang, "members-more", n = more)
                    }}
                </p>
            </Show>
            {(actions.is_member && actions.kind != RoomKind::Direct)
                .then(|| view! { <InviteForm room=room.get_value() /> })}
            {children.map(|c| c())}
        </aside>
    }
}
