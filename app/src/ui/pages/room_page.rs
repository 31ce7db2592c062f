use leptos::{html, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::problem;
use crate::{
    api::rooms::load_room,
    i18n::{use_lang, Lang},
    model::{Message, PageContext, Room as RoomInfo, RoomKind, RoomPage as Page},
    tr,
    ui::{
        clock::Clock,
        components::{
            Composer, JoinPrompt, Loading, MemberActions, MemberList, MessageList, RoomHeader,
            RoomNotifications, ShortcutsDialog, Sidebar, SkipLinks, TypingIndicator, Viewer,
        },
        room_state::{unread_elsewhere, Gone, RoomState},
        theme::ThemeChoice,
    },
};

#[component]
pub fn RoomPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let to = move || query.with(|q| q.get("to").filter(|to| !to.is_empty()));
    let number = move |key: &str| query.with(|q| q.get(key).and_then(|v| v.parse::<i64>().ok()));
    let at = move || (number("before"), number("after"), number("around"));
    let page = Resource::new(
        move || (slug(), to(), at()),
        |(slug, to, (before, after, around))| load_room(slug, to, before, after, around),
    );
    let context = use_context::<PageContext>().unwrap_or_default();
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || {
                let context = context.clone();
                Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let title = tab_title(
                            &room_title(context.lang, &page.room),
                            unread_elsewhere(&page.rooms, &page.room.slug),
                        );
                        view! {
                            <Title text=title />
                            <Room page=Sent(page) context />
                        }
                        .into_any()
                    }
                    Err(e) => problem(e, format!("/rooms/{}", slug())),
                }
            })}}
        </Transition>
    }
}

/// A room with its messages and members, kept current by the live connection once hydrated:
/// the page's one island. An island starts with no context, so it provides the page's own.
#[island]
fn Room(page: Sent, context: PageContext) -> impl IntoView {
    let Sent(page) = page;
    let lang = context.lang;
    let clock = Clock::new(&context);
    provide_context(lang);
    provide_context(ThemeChoice::new(context.theme));
    provide_context(clock);
    provide_context(context);
    // In a task of its own after hydration: the first use of `Intl` costs the browser tens of
    // milliseconds on a phone, and every time on the page is drawn again.
    Effect::new(move |_| {
        set_timeout(
            move || clock.follow_the_browser(),
            std::time::Duration::ZERO,
        )
    });
    let state = RoomState::new(&page);
    let on_typing = follow_live(&page, state, lang);
    let shortcuts = NodeRef::<html::Dialog>::new();
    let sidebar_open = RwSignal::new(false);
    crate::ui::shortcuts::follow_keys(state, page.room.slug.clone(), shortcuts);
    crate::ui::room_focus::arrive(&page.room.slug, page.is_member);
    let Page {
        room,
        me,
        client_id,
        is_member,
        can_delete,
        whisper_to,
        ..
    } = page;
    provide_context(Viewer {
        username: me.username.clone(),
        is_admin: me.is_admin,
        is_member,
        room: room.slug.clone(),
    });
    let actions = MemberActions {
        me: me.id,
        is_member,
        // The creator or an admin; nobody leaves general, and a direct conversation keeps its two.
        can_remove: (me.is_admin || can_delete)
            && room.kind != RoomKind::Direct
            && room.slug != "general",
        kind: room.kind,
    };
    let title = room_title(lang, &room);
    let bottom = if is_member {
        view! {
            <TypingIndicator typing=state.typing />
            <Composer
                room=room.slug.clone()
                room_name=room.name.clone()
                client_id
                whisper_to
                members=state.members
                me=me.username.clone()
                on_posted=move |m| state.add_message(m)
                on_typing
            />
        }
        .into_any()
    } else {
        view! { <JoinPrompt room=room.slug.clone() name=room.name.clone() /> }.into_any()
    };
    // "(3) #general": the count shows in the tab title, live (the server wrote the first one).
    Effect::new(move |first: Option<()>| {
        let text = tab_title(&title, state.unread_total());
        if first.is_some() {
            document().set_title(&crate::ui::full_title(text));
        }
    });
    let notifications = is_member.then(|| {
        let slug = room.slug.clone();
        view! { <RoomNotifications room=slug rooms=state.rooms /> }
    });
    let show_shortcuts = move |_| {
        if let Some(dialog) = shortcuts.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    view! {
        <SkipLinks is_member />
        <div class="workspace">
            <Sidebar rooms=state.rooms current=room.slug.clone() open=sidebar_open />
            <main class="room">
                <RoomHeader room=room.clone() me live=state.live is_member can_delete sidebar_open show_shortcuts />
                {move || state.gone.get().map(|gone| view! { <GoneNotice gone /> })}
                <MessageList state room=room.slug.clone() room_name=room.name.clone() />
                {bottom}
            </main>
            <MemberList
                room=room.slug
                members=state.members
                member_count=state.member_count
                online=state.online
                actions
            >
                {notifications}
            </MemberList>
        </div>
        <ShortcutsDialog dialog=shortcuts />
    }
}

/// The room page as its island's props: rendered in full on the server, sent to the browser with
/// each message's text left to the page's HTML (`Message::for_page`), so it travels once.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
struct Sent(Page);

impl Serialize for Sent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut page = self.0.clone();
        page.messages = page.messages.into_iter().map(Message::for_page).collect();
        page.serialize(serializer)
    }
}

/// How the tab names a room: `#general`, `@Hanako`.
fn room_title(lang: Lang, room: &RoomInfo) -> String {
    match room.kind {
        RoomKind::Direct => format!("@{}", lang.person(&room.name)),
        _ => format!("#{}", room.name),
    }
}

/// The title with the count of unread messages in front: `(3) #general`.
fn tab_title(title: &str, unread: i64) -> String {
    match unread {
        0 => title.to_owned(),
        n => format!("({n}) {title}"),
    }
}

#[component]
fn GoneNotice(gone: Gone) -> impl IntoView {
    let lang = use_lang();
    let text = match gone {
        Gone::Deleted => tr!(lang, "room-gone-deleted"),
        Gone::Removed => tr!(lang, "room-gone-removed"),
    };
    view! {
        <p class="gone" role="alert">
            {text} " " <a href="/rooms/general">{tr!(lang, "go-to-general")}</a>
        </p>
    }
}

/// Once hydrated: follows the room live (raising desktop notifications as the reader chose)
/// and returns what the composer calls while typing.
fn follow_live(page: &Page, state: RoomState, lang: Lang) -> Callback<()> {
    #[cfg(feature = "hydrate")]
    {
        use crate::{model::LiveEvent, ui::desktop_notifications};
        let me = page.me.username.clone();
        let sound = page.notification_sound;
        let following = crate::live::follow_room(
            page.room.slug.clone(),
            page.last_seq,
            state.live,
            move |event| {
                if let LiveEvent::MessagePosted { room, message, .. } = &event {
                    state.rooms.with_untracked(|rooms| {
                        desktop_notifications::consider(lang, rooms, room, message, &me, sound)
                    });
                }
                if let Some(stamp) = state.apply(event) {
                    crate::live::after_ms(5_000, move || state.expire_typing(stamp));
                }
            },
        );
        let typing = following.typing_sender(page.is_member);
        on_cleanup(move || drop(following));
        // Back in the foreground: what arrived here has been seen.
        let seen = window_event_listener_untyped("visibilitychange", move |_| {
            if !document().hidden() {
                state.unseen.set(0);
            }
        });
        on_cleanup(move || seen.remove());
        Callback::new(move |_| typing.typing())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (page, state, lang);
        Callback::new(|_| {})
    }
}
