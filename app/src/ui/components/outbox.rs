use leptos::prelude::*;

use crate::{api::messages::post_message, i18n::use_lang, model::Message, tr, AppError};

/// A sent text on its way to the server. `client_id` is its own, so sending it again after a
/// failure stores it once even if the first try was stored after all.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub client_id: String,
    pub text: String,
    pub failed: Option<AppError>,
}

/// Messages on their way (hydrated only). The composer hands each text over the moment it is
/// sent and its box is free for the next one; nothing the server answers later touches the box.
/// Texts go one at a time, in the order they were sent; one that fails stops the rest behind
/// it, and stays with its reason until it is sent again or taken back into the box.
#[derive(Clone, Copy)]
pub struct Outbox {
    room: StoredValue<String>,
    to: StoredValue<Option<String>>,
    pub pending: RwSignal<Vec<Pending>>,
    sending: StoredValue<bool>,
    on_posted: Callback<Message>,
}

impl Outbox {
    pub fn new(room: String, to: Option<String>, on_posted: Callback<Message>) -> Outbox {
        Outbox {
            room: StoredValue::new(room),
            to: StoredValue::new(to),
            pending: RwSignal::new(Vec::new()),
            sending: StoredValue::new(false),
            on_posted,
        }
    }

    pub fn send(&self, client_id: String, text: String) {
        self.pending.update(|p| {
            p.push(Pending {
                client_id,
                text,
                failed: None,
            })
        });
        self.pump();
    }

    /// Tries a failed text again, and whatever waited behind it.
    pub fn retry(&self, client_id: &str) {
        self.pending.update(|p| {
            if let Some(item) = p.iter_mut().find(|item| item.client_id == client_id) {
                item.failed = None;
            }
        });
        self.pump();
    }

    /// Takes a text back (to edit it); whatever waited behind it goes on.
    pub fn take_back(&self, client_id: &str) -> Option<String> {
        let mut text = None;
        self.pending.update(|p| {
            if let Some(at) = p.iter().position(|item| item.client_id == client_id) {
                text = Some(p.remove(at).text);
            }
        });
        self.pump();
        text
    }

    /// Sends from the front until the queue is empty or a send fails (one loop at a time).
    fn pump(&self) {
        if self.sending.get_value() {
            return;
        }
        self.sending.set_value(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            while let Some(next) = this.front() {
                let to = this.to.try_get_value().flatten();
                let room = this.room.try_get_value().unwrap_or_default();
                let sent = post_message(room, next.client_id.clone(), next.text, to).await;
                let settled = |p: &mut Vec<Pending>| match sent {
                    Ok(_) => p.retain(|item| item.client_id != next.client_id),
                    Err(ref e) => {
                        if let Some(item) = p.iter_mut().find(|i| i.client_id == next.client_id) {
                            item.failed = Some(e.clone());
                        }
                    }
                };
                // The page may have gone meanwhile; the message was sent all the same.
                if this.pending.try_update(settled).is_none() {
                    return;
                }
                match sent {
                    Ok(message) => this.on_posted.run(message),
                    Err(_) => break,
                }
            }
            this.sending.try_set_value(false);
        });
    }

    /// The first text waiting, unless it failed.
    fn front(&self) -> Option<Pending> {
        self.pending
            .try_with_untracked(|p| p.first().filter(|item| item.failed.is_none()).cloned())
            .flatten()
    }
}

/// The texts on their way, below the messages: "Sending…", or why one was not sent with what
/// can be done about it.
#[component]
pub fn OutboxList(outbox: Outbox, #[prop(into)] edit: Callback<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || outbox.pending.with(|p| !p.is_empty())>
            <ul class="outbox" aria-label=tr!(lang, "outbox-label")>
                <For
                    each=move || outbox.pending.get()
                    key=|item| (item.client_id.clone(), item.failed.as_ref().map(AppError::code))
                    children=move |item| {
                        let id = StoredValue::new(item.client_id.clone());
                        let status = match &item.failed {
                            None => view! { <span class="outbox-status">{tr!(lang, "outbox-sending")}</span> }
                                .into_any(),
                            Some(e) => view! {
                                <span class="outbox-status failed" role="alert">
                                    {tr!(lang, "outbox-not-sent")} " " {lang.error(e)}
                                </span>
                                <button type="button" on:click=move |_| outbox.retry(&id.get_value())>
                                    {tr!(lang, "outbox-retry")}
                                </button>
                                <button
                                    type="button"
                                    on:click=move |_| {
                                        if let Some(text) = outbox.take_back(&id.get_value()) {
                                            edit.run(text);
                                        }
                                    }
                                >
                                    {tr!(lang, "outbox-edit")}
                                </button>
                            }
                                .into_any(),
                        };
                        view! {
                            <li class="outbox-item" class:failed=item.failed.is_some()>
                                <p class="outbox-text">{item.text}</p>
                                {status}
                            </li>
                        }
                    }
                />
            </ul>
        </Show>
    }
}
