use leptos::prelude::*;

use crate::{model::SearchResults, AppError};

#[server(endpoint = "search_messages")]
pub async fn search_messages(q: String) -> Result<SearchResults, AppError> {
    use crate::server::{messages::search, web::request, AppState};

    let state = AppState::from_context()?;
    let me = request::current_user(&state).await?;
    search::search(&state, &me, &q).await
}
