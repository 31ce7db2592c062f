use leptos::prelude::*;

use crate::{model::Person, AppError};

#[server(endpoint = "load_person")]
pub async fn load_person(username: String) -> Result<Person, AppError> {
    use crate::server::{context, people, AppState};

    let state = AppState::from_context()?;
    let me = context::current_user(&state).await?;
    people::person(&state, &me, &username).await
}
