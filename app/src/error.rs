use serde::{Deserialize, Deserializer, Serialize, Serializer};
use server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
    Encodes,
};

/// The one error type of kaiwa. Each variant has a stable `code` (used in URLs for forms without
/// JavaScript and in the JSON API) and a message a person can act on. Internal details go to the
/// log, never to the browser. On the wire (server functions, the JSON API, page data) it is
/// `{"error": {"code": "...", "message": "..."}}`, as docs/api.md documents.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in first.")]
    SignInRequired,
    #[error("Wrong username or password.")]
    WrongCredentials,
    #[error("That username is taken. Please choose another.")]
    UsernameTaken,
    #[error("That is not your current password.")]
    WrongPassword,
    #[error("You are the only admin. Make someone else an admin before you delete your account.")]
    LastAdmin,
    #[error("That session has already ended.")]
    SessionNotFound,
    #[error("That webhook points at a private or loopback address. Allow it explicitly if the bot runs on this machine or network.")]
    PrivateWebhook,
    #[error("Guests can talk in general only. Create an account to do more.")]
    GuestNotAllowed,
    #[error("Guest access is off on this server. Sign in or create an account.")]
    GuestsOff,
    #[error("Only admins can do that.")]
    AdminOnly,
    #[error("This account is deactivated. Ask an admin to reactivate it.")]
    Deactivated,
    #[error("That token does not exist (any more).")]
    TokenNotFound,
    #[error("You have 20 tokens already. Revoke one you no longer use first.")]
    TooManyTokens,
    #[error("That message id was already used for a different message. Send it with a new id.")]
    ClientIdReused,
    #[error("There is nothing at that address in the API.")]
    NotFound,
    #[error("{0}")]
    Invalid(Invalid),
    #[error("There is no such room.")]
    RoomNotFound,
    #[error("There is no such person.")]
    PersonNotFound,
    #[error("That message is not there any more.")]
    MessageNotFound,
    #[error("You can only change your own messages.")]
    NotYours,
    #[error("Join this room to post in it.")]
    NotAMember,
    #[error("Only the room's creator or an admin can do that.")]
    NotAllowed,
    #[error("general is everyone's room: it cannot be left or deleted.")]
    KeptRoom,
    #[error("This request came from another site and was refused.")]
    CrossSite,
    #[error("That request is too large.")]
    TooLarge,
    #[error("You are going too fast. Wait a moment, then try again.")]
    TooFast,
    #[error("You have made many rooms in a short time. Wait a few minutes, then try again.")]
    TooManyNewRooms,
    #[error("Two of your exports are still being downloaded. Wait for one to finish.")]
    TooManyExports,
    #[error("That search would take too long. Search for longer words, or more of them.")]
    SearchTooBroad,
    #[error("The server is busy. Please try again in a moment.")]
    Busy,
    #[error("Too many failed sign-ins. Wait a few minutes (at most 15), then try again.")]
    TooManySignIns,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    #[error("{BAD_REQUEST}{0}")]
    BadRequest(String),
}

const BAD_REQUEST: &str = "The request could not be understood: ";

/// Input a person can fix. Shared by server-side validation and form messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Invalid {
    #[error("Usernames are 3–32 characters: lowercase letters a–z, digits, '_' and '-'.")]
    Username,
    #[error("Display names are 1–50 characters on one line, without invisible characters.")]
    DisplayName,
    #[error("Passwords are 8–128 characters.")]
    Password,
    #[error("Type a message first.")]
    EmptyBody,
    #[error("Messages are at most 4000 characters.")]
    BodyTooLong,
    #[error("The message id is missing or malformed.")]
    ClientId,
    #[error("Room names are 1–50 characters on one line, without invisible characters.")]
    RoomName,
    #[error("Topics are at most 200 characters on one line, without invisible characters.")]
    Topic,
    #[error("Choose whether the room is public or private.")]
    Visibility,
    #[error("Private messages go to a member of this room.")]
    Recipient,
    #[error("Choose someone other than yourself.")]
    Yourself,
    #[error("Searches are at most 100 characters and 8 words.")]
    Query,
    #[error("Pick one of the reactions offered.")]
    Reaction,
    #[error("Token names are 1–50 characters on one line, without invisible characters.")]
    TokenName,
    #[error("Usernames starting with guest- are kept for guests. Please choose another.")]
    GuestName,
    #[error("Webhook URLs are http:// or https:// addresses (no user or password in them) that this server can resolve.")]
    WebhookUrl,
    #[error("Choose one of the languages offered.")]
    Language,
    #[error("Choose light, dark or the system's setting.")]
    Theme,
    #[error("Choose all messages, mentions only or nothing.")]
    Notify,
}

impl AppError {
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::SignInRequired | AppError::WrongCredentials => 401,
            AppError::UsernameTaken
            | AppError::LastAdmin
            | AppError::TooManyTokens
            | AppError::ClientIdReused => 409,
            AppError::SearchTooBroad => 422,
            AppError::WrongPassword
            | AppError::Deactivated
            | AppError::AdminOnly
            | AppError::GuestNotAllowed
            | AppError::GuestsOff => 403,
            AppError::SessionNotFound | AppError::TokenNotFound | AppError::NotFound => 404,
            AppError::Invalid(_) | AppError::PrivateWebhook => 422,
            AppError::RoomNotFound | AppError::PersonNotFound | AppError::MessageNotFound => 404,
            AppError::NotAMember
            | AppError::NotAllowed
            | AppError::KeptRoom
            | AppError::NotYours => 403,
            AppError::CrossSite => 403,
            AppError::TooFast
            | AppError::TooManyNewRooms
            | AppError::TooManyExports
            | AppError::TooManySignIns => 429,
            AppError::TooLarge => 413,
            AppError::BadRequest(_) => 400,
            AppError::Busy => 503,
            AppError::Internal => 500,
        }
    }

    /// A stable, machine-readable name.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::SignInRequired => "sign_in_required",
            AppError::WrongCredentials => "wrong_credentials",
            AppError::UsernameTaken => "username_taken",
            AppError::WrongPassword => "wrong_password",
            AppError::LastAdmin => "last_admin",
            AppError::SessionNotFound => "session_not_found",
            AppError::TokenNotFound => "token_not_found",
            AppError::Deactivated => "deactivated",
            AppError::AdminOnly => "admin_only",
            AppError::GuestNotAllowed => "guest_not_allowed",
            AppError::GuestsOff => "guests_off",
            AppError::PrivateWebhook => "private_webhook",
            AppError::TooManyTokens => "too_many_tokens",
            AppError::ClientIdReused => "client_id_reused",
            AppError::NotFound => "not_found",
            AppError::Invalid(Invalid::Username) => "invalid_username",
            AppError::Invalid(Invalid::DisplayName) => "invalid_display_name",
            AppError::Invalid(Invalid::Password) => "invalid_password",
            AppError::Invalid(Invalid::EmptyBody) => "empty_body",
            AppError::Invalid(Invalid::BodyTooLong) => "body_too_long",
            AppError::Invalid(Invalid::ClientId) => "invalid_client_id",
            AppError::Invalid(Invalid::RoomName) => "invalid_room_name",
            AppError::Invalid(Invalid::Topic) => "invalid_topic",
            AppError::Invalid(Invalid::Visibility) => "invalid_visibility",
            AppError::Invalid(Invalid::Recipient) => "invalid_recipient",
            AppError::Invalid(Invalid::Yourself) => "yourself",
            AppError::Invalid(Invalid::Query) => "invalid_query",
            AppError::Invalid(Invalid::Reaction) => "invalid_reaction",
            AppError::Invalid(Invalid::TokenName) => "invalid_token_name",
            AppError::Invalid(Invalid::GuestName) => "reserved_username",
            AppError::Invalid(Invalid::WebhookUrl) => "invalid_webhook_url",
            AppError::Invalid(Invalid::Language) => "invalid_language",
            AppError::Invalid(Invalid::Theme) => "invalid_theme",
            AppError::Invalid(Invalid::Notify) => "invalid_notify",
            AppError::RoomNotFound => "room_not_found",
            AppError::PersonNotFound => "person_not_found",
            AppError::MessageNotFound => "message_not_found",
            AppError::NotYours => "not_yours",
            AppError::NotAMember => "not_a_member",
            AppError::NotAllowed => "not_allowed",
            AppError::KeptRoom => "kept_room",
            AppError::CrossSite => "cross_site",
            AppError::TooFast => "too_fast",
            AppError::TooManyNewRooms => "too_many_new_rooms",
            AppError::TooManyExports => "too_many_exports",
            AppError::SearchTooBroad => "search_too_broad",
            AppError::TooLarge => "too_large",
            AppError::BadRequest(_) => "bad_request",
            AppError::Busy => "busy",
            AppError::TooManySignIns => "too_many_sign_ins",
            AppError::Internal => "internal",
        }
    }

    /// The inverse of [`AppError::code`], for errors carried in a redirect URL.
    pub fn from_code(code: &str) -> Option<AppError> {
        AppError::all()
            .into_iter()
            .find(|e| e.code() == code && !matches!(e, AppError::BadRequest(_)))
    }

    /// Every error a person may be shown (a `BadRequest` carries its own detail).
    pub fn all() -> Vec<AppError> {
        vec![
            AppError::SignInRequired,
            AppError::WrongCredentials,
            AppError::UsernameTaken,
            AppError::WrongPassword,
            AppError::LastAdmin,
            AppError::SessionNotFound,
            AppError::TokenNotFound,
            AppError::Deactivated,
            AppError::AdminOnly,
            AppError::GuestNotAllowed,
            AppError::GuestsOff,
            AppError::PrivateWebhook,
            AppError::TooManyTokens,
            AppError::ClientIdReused,
            AppError::NotFound,
            AppError::Invalid(Invalid::Username),
            AppError::Invalid(Invalid::DisplayName),
            AppError::Invalid(Invalid::Password),
            AppError::Invalid(Invalid::EmptyBody),
            AppError::Invalid(Invalid::BodyTooLong),
            AppError::Invalid(Invalid::ClientId),
            AppError::Invalid(Invalid::RoomName),
            AppError::Invalid(Invalid::Topic),
            AppError::Invalid(Invalid::Visibility),
            AppError::Invalid(Invalid::Recipient),
            AppError::Invalid(Invalid::Yourself),
            AppError::Invalid(Invalid::Query),
            AppError::Invalid(Invalid::Reaction),
            AppError::Invalid(Invalid::TokenName),
            AppError::Invalid(Invalid::GuestName),
            AppError::Invalid(Invalid::WebhookUrl),
            AppError::Invalid(Invalid::Language),
            AppError::Invalid(Invalid::Theme),
            AppError::Invalid(Invalid::Notify),
            AppError::RoomNotFound,
            AppError::PersonNotFound,
            AppError::MessageNotFound,
            AppError::NotYours,
            AppError::NotAMember,
            AppError::NotAllowed,
            AppError::KeptRoom,
            AppError::CrossSite,
            AppError::TooFast,
            AppError::TooManyNewRooms,
            AppError::TooManyExports,
            AppError::SearchTooBroad,
            AppError::TooLarge,
            AppError::Busy,
            AppError::TooManySignIns,
            AppError::Internal,
            AppError::BadRequest(String::new()),
        ]
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
        crate::server::no_js::answer_with_status(self);
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
        tracing::error!(error = %err, "database error");
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
