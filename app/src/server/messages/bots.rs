//! Bots: accounts an admin creates, that act through an API token and may have a webhook. When
//! someone mentions a bot, whispers to it or writes in its direct conversation, kaiwa POSTs the
//! message to the webhook (5 s timeout, no retries, at most a few deliveries in flight: excess
//! is dropped, never queued) and posts a text reply back as the bot.
mod address;

use std::{sync::Arc, time::Duration};

use serde::Serialize;
use tokio::sync::Semaphore;

use crate::server::{accounts::api_tokens, db, db::event_log::Applied, messages, AppState};
use crate::{
    model::{BotEntry, Me, Message, RoomKind},
    AppError,
};

pub use address::{is_public, PublicOnly};

/// Deliveries in flight at once, all bots together.
const IN_FLIGHT: usize = 16;
const TIMEOUT: Duration = Duration::from_secs(5);
/// Replies longer than a message can be are refused anyway.
const MAX_REPLY_BYTES: usize = 32 * 1024;

/// The HTTP clients webhooks go out through, and the cap on deliveries in flight.
pub struct Webhooks {
    /// Resolves names to public addresses only.
    public_only: reqwest::Client,
    /// For bots whose admin allowed a private or loopback address.
    any_address: reqwest::Client,
    in_flight: Arc<Semaphore>,
}

impl Default for Webhooks {
    fn default() -> Self {
        let client = |public_only: bool| {
            let builder = reqwest::Client::builder()
                .timeout(TIMEOUT)
                .connect_timeout(Duration::from_secs(3))
                .redirect(reqwest::redirect::Policy::none())
                // A proxy would resolve the name itself, past our check of its addresses.
                .no_proxy()
                .user_agent(concat!("kaiwa-webhook/", env!("CARGO_PKG_VERSION")));
            let builder = match public_only {
                true => builder.dns_resolver(Arc::new(PublicOnly)),
                false => builder,
            };
            builder.build().expect("an HTTP client")
        };
        Webhooks {
            public_only: client(true),
            any_address: client(false),
            in_flight: Arc::new(Semaphore::new(IN_FLIGHT)),
        }
    }
}

/// Creates a bot (an account without a password) and its first token; returns the token.
pub async fn create(
    state: &AppState,
    admin: &Me,
    username: &str,
    display_name: &str,
    webhook_url: Option<&str>,
    allow_private: bool,
) -> Result<(Me, String), AppError> {
    if !admin.is_admin {
        return Err(AppError::AdminOnly);
    }
    let username = crate::rules::username(username)?;
    let display_name = crate::rules::display_name(display_name)?;
    let webhook = match webhook_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(raw) => Some(address::check(raw, allow_private).await?.to_string()),
        None => None,
    };
    // No password: a bot can never sign in, only use its tokens.
    let bot = db::users::insert(&state.pool, &username, &display_name, "").await?;
    db::bots::make_bot(&state.pool, bot.id, webhook.as_deref(), allow_private).await?;
    let token = api_tokens::create(state, &bot, "created with the bot").await?;
    crate::server::rooms::memberships::announce_new_account(state, &bot).await?;
    Ok((bot, token))
}

pub async fn list(state: &AppState, admin: &Me) -> Result<Vec<BotEntry>, AppError> {
    if !admin.is_admin {
        return Err(AppError::AdminOnly);
    }
    db::bots::all(&state.pool).await
}

/// What a webhook receives.
#[derive(Serialize)]
struct Delivery<'a> {
    event: &'static str,
    /// The bot's username.
    bot: &'a str,
    room: &'a str,
    message: &'a Message,
}

/// Tells the bots of a message just posted by a person (a page or the API posted it; a retry
/// tells nobody again). The message is stored whatever happens here: a failure is logged.
pub async fn hear(state: &AppState, author: &Me, posted: &Applied) {
    if !posted.is_new {
        return;
    }
    if let Err(err) = after_post(state, author, &posted.message).await {
        tracing::warn!(error = %err, "could not tell bots of a message");
    }
}

/// After a new message: tells every bot that should hear of it, in the background.
async fn after_post(state: &AppState, author: &Me, message: &Message) -> Result<(), AppError> {
    // Most messages reach no bot: skip the lookups for them (direct slugs are `dm-…`; the
    // room's kind is still checked below).
    let maybe_direct = message.room.starts_with("dm-");
    if message.mentioned.is_empty() && message.recipient_username.is_none() && !maybe_direct {
        return Ok(());
    }
    let Some(room) = db::rooms::by_slug(&state.pool, &message.room).await? else {
        return Ok(());
    };
    let direct = room.kind == RoomKind::Direct;
    if message.mentioned.is_empty() && message.recipient_username.is_none() && !direct {
        return Ok(());
    }
    let recipient_id = match &message.recipient_username {
        Some(name) => db::memberships::member(&state.pool, room.id, name)
            .await?
            .map(|m| m.id),
        None => None,
    };
    let listeners = db::bots::listeners(
        &state.pool,
        room.id,
        author.id,
        &message.mentioned,
        recipient_id,
        direct,
    )
    .await?;
    for listener in listeners {
        let Ok(permit) = state.webhooks.in_flight.clone().try_acquire_owned() else {
            tracing::warn!(bot = %listener.bot.username, "webhook skipped: too many deliveries in flight");
            continue;
        };
        let (state, message, author) = (state.clone(), message.clone(), author.username.clone());
        tokio::spawn(async move {
            let _permit = permit;
            if let Err(err) = deliver(&state, &listener, &message, &author).await {
                tracing::warn!(bot = %listener.bot.username, error = %err, "webhook delivery failed");
            }
        });
    }
    Ok(())
}

/// POSTs the message to the bot's webhook and posts a text reply back as the bot: in the same
/// room, privately to the author if the message was a whisper to the bot.
async fn deliver(
    state: &AppState,
    listener: &db::bots::Listener,
    message: &Message,
    author: &str,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let url = reqwest::Url::parse(&listener.webhook_url)?;
    if !address::literal_allowed(&url, listener.allow_private) {
        return Err("the webhook points at a private address".into());
    }
    let client = match listener.allow_private {
        true => &state.webhooks.any_address,
        false => &state.webhooks.public_only,
    };
    let delivery = Delivery {
        event: "message",
        bot: &listener.bot.username,
        room: &message.room,
        message,
    };
    let mut response = client.post(url).json(&delivery).send().await?;
    if !response.status().is_success() {
        return Err(format!("the webhook answered {}", response.status()).into());
    }
    let is_json = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_REPLY_BYTES {
            return Err("the webhook's reply is too long".into());
        }
    }
    let reply = match is_json {
        true => serde_json::from_slice::<serde_json::Value>(&body)?
            .get("text")
            .and_then(|t| t.as_str())
            .map(str::to_owned),
        false => Some(String::from_utf8(body)?),
    };
    let Some(reply) = reply.filter(|r| !r.trim().is_empty()) else {
        return Ok(());
    };
    // One reply per message and bot, however often this runs.
    let client_id = format!("webhook-{}-{}", message.id, listener.bot.id);
    let to = message.recipient_username.is_some().then_some(author);
    messages::post(state, &listener.bot, &message.room, &client_id, &reply, to).await?;
    Ok(())
}
