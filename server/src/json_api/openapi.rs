//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 document, generated from the handlers' and
//! types' annotations (utoipa), so it cannot drift from the code.
use axum::Json;
use utoipa::{
    openapi::{
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
        OpenApi as Document,
    },
    Modify, OpenApi,
};

use super::{account, messages};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kaiwa JSON API",
        version = "1",
        description = "Rooms and messages for scripts and bots. Authenticate with `Authorization: Bearer kaiwa_…` (a personal access token from Settings) or the session cookie. Live events: the WebSocket `GET /api/v1/rooms/{room}/live?after=N` (docs/live-protocol.md)."
    ),
    paths(
        account::me,
        account::rooms,
        messages::list,
        messages::post,
        messages::edit,
        messages::delete,
        messages::react,
        messages::unreact,
    ),
    modifiers(&BearerTokens),
    security(("bearer" = []), ("session_cookie" = []))
)]
pub struct ApiDoc;

struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal access token, created in Settings."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Cookie(
                utoipa::openapi::security::ApiKeyValue::new("kaiwa_session"),
            )),
        );
    }
}

pub async fn document() -> Json<Document> {
    Json(ApiDoc::openapi())
}
