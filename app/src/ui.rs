//! The user interface: the HTML shell, the routes, pages and components.
pub mod clock;
pub mod components;
pub mod desktop_notifications;
mod island_scripts;
pub mod pages;
pub mod room_focus;
pub mod room_state;
pub mod shortcuts;
pub mod theme;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path, SsrMode,
};

use crate::model::PageContext;
use clock::Clock;
use island_scripts::IslandScripts;
use pages::{
    AdminPage, DeleteRoomPage, EditMessagePage, NotFound, PersonPage, ReactPage, RoomPage,
    RoomsPage, SearchPage, SettingsPage, SignInPage, SignUpPage,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::web::page_policy::send_content_security_policy();
    let page = page_context();
    view! {
        <!DOCTYPE html>
        <html lang=page.lang.code() data-theme=theme::attribute(page.theme)>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <meta name="theme-color" content="#2f5fd0" />
                <HashedStylesheet options=options.clone() id="leptos" />
                // What needs a script is hidden without one (public/noscript.css).
                <noscript><link rel="stylesheet" href="/noscript.css" /></noscript>
                <AutoReload options=options.clone() />
                <IslandScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Every route renders completely on the server before the first byte is sent
/// (`SsrMode::Async`), so every page works with JavaScript off. The app runs on the server
/// only: in the browser, only its islands run (the room's hands them the page context).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let page = page_context();
    provide_context(page.lang);
    provide_context(page.clone());
    provide_context(theme::ThemeChoice::new(page.theme));
    provide_context(Clock::new(&page));
    view! {
        <Title formatter=full_title />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home ssr=SsrMode::Async />
                <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async />
                <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async />
                <Route path=path!("/rooms") view=RoomsPage ssr=SsrMode::Async />
                <Route path=path!("/rooms/:slug") view=RoomPage ssr=SsrMode::Async />
                <Route path=path!("/rooms/:slug/delete") view=DeleteRoomPage ssr=SsrMode::Async />
                <Route path=path!("/rooms/:slug/messages/:seq/edit") view=EditMessagePage ssr=SsrMode::Async />
                <Route path=path!("/rooms/:slug/messages/:seq/react") view=ReactPage ssr=SsrMode::Async />
                <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async />
                <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async />
                <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async />
                <Route path=path!("/people/:username") view=PersonPage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

/// The language, theme, zone and moment this page is rendered with (see `PageContext`).
fn page_context() -> PageContext {
    #[cfg(feature = "ssr")]
    {
        crate::server::web::page_context::of_request()
    }
    #[cfg(not(feature = "ssr"))]
    {
        PageContext::default()
    }
}

/// A page's title as the tab shows it.
pub(crate) fn full_title(page: String) -> String {
    if page.is_empty() {
        "kaiwa".to_owned()
    } else {
        format!("{page} · kaiwa")
    }
}

/// This page's path and query, for forms that come back to it. Read once: a page is reached by
/// a full load (the router runs on the server only; islands hydrate in place).
pub(crate) fn current_path() -> String {
    #[cfg(feature = "hydrate")]
    {
        let location = window().location();
        let path = location.pathname().unwrap_or_default();
        path + &location.search().unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let location = leptos_router::hooks::use_location();
        location.pathname.get_untracked() + &location.search.get_untracked()
    }
}

/// One value of this page's query string (`?error=…`), read the same way on the server and in
/// an island.
pub(crate) fn query_value(key: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let search = window().location().search().ok()?;
        leptos::web_sys::UrlSearchParams::new_with_str(&search)
            .ok()?
            .get(key)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get(key))
    }
}

/// Percent-encodes a query value identically on the server and in the browser.
pub(crate) fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `path`, carrying `next` along when there is one (between sign-in and sign-up).
pub(crate) fn with_next(path: &str, next: &str) -> String {
    if next.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?next={}", encode_query_value(next))
    }
}

/// `/` (where the installed app starts): the room the reader had open last, else general.
#[component]
fn Home() -> impl IntoView {
    let target = Resource::new(|| (), |_| crate::api::rooms::home_path());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let path = target.await.unwrap_or_else(|_| "/rooms/general".to_owned());
                view! { <Redirect path=path /> }
            })}
        </Suspense>
    }
}
