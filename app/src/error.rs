use serde::{Deserialize, Deserializer, Serialize, Serializer};
use server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
    Encodes,
};

/// Each error once: its variant, HTTP status, stable code (in URLs for forms without JavaScript
/// and in the JSON API) and the English a person can act on (pages speak through
/// `error-<code>` in the Fluent files; a test checks both languages have each).
macro_rules! app_errors {
    ($($variant:ident = ($status:literal, $code:literal, $message:literal),)*) => {
        /// The one error type of kaiwa. Internal details go to the log, never to the browser. On
        /// the wire (server functions, the JSON API, page data) it is
        /// `{"error": {"code": "...", "message": "..."}}`, as docs/api.md documents.
        #[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
        pub enum AppError {
            $(#[error($message)] $variant,)*
            /// Input a person can fix (422).
            #[error("{0}")]
            Invalid(Invalid),
            /// A request that could not be understood (400), with what was wrong.
            #[error("{BAD_REQUEST}{0}")]
            BadRequest(String),
        }

        impl AppError {
            pub fn status_code(&self) -> u16 {
                match self {
                    $(AppError::$variant => $status,)*
                    AppError::Invalid(_) => 422,
                    AppError::BadRequest(_) => 400,
                }
            }

            /// A stable, machine-readable name.
            pub fn code(&self) -> &'static str {
                match self {
                    $(AppError::$variant => $code,)*
                    AppError::Invalid(invalid) => invalid.code(),
                    AppError::BadRequest(_) => "bad_request",
                }
            }

            /// Every error a person may be shown (a `BadRequest` carries its own detail).
            pub fn all() -> Vec<AppError> {
                let mut all = vec![$(AppError::$variant,)*];
                all.extend(Invalid::ALL.into_iter().map(AppError::Invalid));
                all.push(AppError::BadRequest(String::new()));
                all
            }
        }
    };
}

/// Input a person can fix, once each: variant, code and message (all answer 422).
macro_rules! invalid_inputs {
    ($($variant:ident = ($code:literal, $message:literal),)*) => {
        /// Input a person can fix. Shared by server-side validation and form messages.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
        pub enum Invalid {
            $(#[error($message)] $variant,)*
        }

        impl Invalid {
            pub const ALL: [Invalid; [$(Invalid::$variant),*].len()] = [$(Invalid::$variant),*];

            pub fn code(self) -> &'static str {
                match self {
                    $(Invalid::$variant => $code,)*
                }
            }
        }
    };
}

app_errors! {
    SignInRequired = (401, "sign_in_required", "Please sign in first."),
    WrongCredentials = (401, "wrong_credentials", "Wrong username or password."),
    UsernameTaken = (409, "username_taken", "That username is taken. Please choose another."),
    WrongPassword = (403, "wrong_password", "That is not your current password."),
    LastAdmin = (409, "last_admin", "You are the only admin. Make someone else an admin before you delete your account."),
    SessionNotFound = (404, "session_not_found", "That session has already ended."),
    PrivateWebhook = (422, "private_webhook", "That webhook points at a private or loopback address. Allow it explicitly if the bot runs on this machine or network."),
    GuestNotAllowed = (403, "guest_not_allowed", "Guests can talk in general only. Create an account to do more."),
    GuestsOff = (403, "guests_off", "Guest access is off on this server. Sign in or create an account."),
    AdminOnly = (403, "admin_only", "Only admins can do that."),
    Deactivated = (403, "deactivated", "This account is deactivated. Ask an admin to reactivate it."),
    TokenNotFound = (404, "token_not_found", "That token does not exist (any more)."),
    TooManyTokens = (409, "too_many_tokens", "You have 20 tokens already. Revoke one you no longer use first."),
    ClientIdReused = (409, "client_id_reused", "That message id was already used for a different message. Send it with a new id."),
    NotFound = (404, "not_found", "There is nothing at that address in the API."),
    RoomNotFound = (404, "room_not_found", "There is no such room."),
    PersonNotFound = (404, "person_not_found", "There is no such person."),
    MessageNotFound = (404, "message_not_found", "That message is not there any more."),
    NotYours = (403, "not_yours", "You can only change your own messages."),
    NotAMember = (403, "not_a_member", "Join this room to post in it."),
    NotAllowed = (403, "not_allowed", "Only the room's creator or an admin can do that."),
    KeptRoom = (403, "kept_room", "general is everyone's room: it cannot be left or deleted."),
    CrossSite = (403, "cross_site", "This request came from another site and was refused."),
    TooLarge = (413, "too_large", "That request is too large."),
    TooFast = (429, "too_fast", "You are going too fast. Wait a moment, then try again."),
    TooManyNewRooms = (429, "too_many_new_rooms", "You have made many rooms in a short time. Wait a few minutes, then try again."),
    TooManyExports = (429, "too_many_exports", "Two of your exports are still being downloaded. Wait for one to finish."),
    SearchTooBroad = (422, "search_too_broad", "That search would take too long. Search for longer words, or more of them."),
    Busy = (503, "busy", "The server is busy. Please try again in a moment."),
    TooManySignIns = (429, "too_many_sign_ins", "Too many failed sign-ins. Wait a few minutes (at most 15), then try again."),
    Internal = (500, "internal", "Something went wrong on our side. Please try again."),
}

invalid_inputs! {
    Username = ("invalid_username", "Usernames are 3–32 characters: lowercase letters a–z, digits, '_' and '-'."),
    DisplayName = ("invalid_display_name", "Display names are 1–50 characters on one line, without invisible characters."),
    Password = ("invalid_password", "Passwords are 8–128 characters."),
    EmptyBody = ("empty_body", "Type a message first."),
    BodyTooLong = ("body_too_long", "Messages are at most 4000 characters."),
    ClientId = ("invalid_client_id", "The message id is missing or malformed."),
    RoomName = ("invalid_room_name", "Room names are 1–50 characters on one line, without invisible characters."),
    Topic = ("invalid_topic", "Topics are at most 200 characters on one line, without invisible characters."),
    Visibility = ("invalid_visibility", "Choose whether the room is public or private."),
    Recipient = ("invalid_recipient", "Private messages go to a member of this room."),
    Yourself = ("yourself", "Choose someone other than yourself."),
    Query = ("invalid_query", "Searches are at most 100 characters and 8 words."),
    Reaction = ("invalid_reaction", "Pick one of the reactions offered."),
    TokenName = ("invalid_token_name", "Token names are 1–50 characters on one line, without invisible characters."),
    GuestName = ("reserved_username", "Usernames starting with guest- are kept for guests. Please choose another."),
    WebhookUrl = ("invalid_webhook_url", "Webhook URLs are http:// or https:// addresses (no user or password in them) that this server can resolve."),
    Language = ("invalid_language", "Choose one of the languages offered."),
    Theme = ("invalid_theme", "Choose light, dark or the system's setting."),
    Notify = ("invalid_notify", "Choose all messages, mentions only or nothing."),
}

const BAD_REQUEST: &str = "The request could not be understood: ";

impl AppError {
    /// The inverse of [`AppError::code`], for errors carried in a redirect URL.
    pub fn from_code(code: &str) -> Option<AppError> {
        AppError::all()
            .into_iter()
            .find(|e| e.code() == code && !matches!(e, AppError::BadRequest(_)))
    }
}

impl From<Invalid> for AppError {
    fn from(value: Invalid) -> Self {
        AppError::Invalid(value)
    }
}

#[derive(Serialize, Deserialize)]
struct Wire {
    error: WireDetail,
}

#[derive(Serialize, Deserialize)]
struct WireDetail {
    code: String,
    message: String,
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = WireDetail {
            code: self.code().to_owned(),
            message: self.to_string(),
        };
        Wire { error }.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AppError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let WireDetail { code, message } = Wire::deserialize(deserializer)?.error;
        Ok(match code.as_str() {
            "bad_request" => AppError::BadRequest(
                message
                    .strip_prefix(BAD_REQUEST)
                    .unwrap_or(&message)
                    .to_owned(),
            ),
            code => AppError::from_code(code).unwrap_or(AppError::Internal),
        })
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// A server function's error, as its answer's body; a script (anything but a browser's
    /// plain form post, which is redirected) also gets the error's status instead of 500.
    fn ser(&self) -> server_fn::Bytes {
        #[cfg(feature = "ssr")]
        crate::server::web::no_js::answer_with_status(self);
        JsonEncoding::encode(self).unwrap_or_default()
    }

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m)
            | ServerFnErrorErr::MissingArg(m)
            | ServerFnErrorErr::Deserialization(m) => AppError::BadRequest(m),
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        // The database is away for a moment (restarting, a dropped connection, every
        // connection in use): try again soon, rather than "something broke".
        let away = match &err {
            sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => true,
            // PostgreSQL's "operator intervention" and "connection exception" classes.
            sqlx::Error::Database(e) => e
                .code()
                .is_some_and(|code| code.starts_with("57P") || code.starts_with("08")),
            _ => false,
        };
        if away {
            tracing::warn!(error = %err, "database unavailable");
            return AppError::Busy;
        }
        tracing::error!(error = %err, "database error");
        #[cfg(test)]
        eprintln!("database error: {err}");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_its_error() {
        for code in [
            "wrong_credentials",
            "username_taken",
            "body_too_long",
            "invalid_username",
        ] {
            let err = AppError::from_code(code).expect(code);
            assert_eq!(err.code(), code);
        }
        assert_eq!(AppError::from_code("no_such_code"), None);
    }

    #[test]
    fn every_error_crosses_the_wire_as_code_and_message_and_back() {
        for err in AppError::all() {
            let json = serde_json::to_value(&err).unwrap();
            assert_eq!(json["error"]["code"], err.code());
            assert_eq!(json["error"]["message"], err.to_string());
            assert_eq!(serde_json::from_value::<AppError>(json).unwrap(), err);
        }
        let detailed = AppError::BadRequest("missing field `body`".into());
        let back: AppError =
            serde_json::from_str(&serde_json::to_string(&detailed).unwrap()).unwrap();
        assert_eq!(back, detailed);
    }
}
