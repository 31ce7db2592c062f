use leptos::prelude::*;

use crate::{model::Person, AppError};

#[server(endpoint = "load_person")]
pub async fn load_person(username: String) -> Result<Person, AppError> {
    use crate::server::{accounts::people, web::request};

    request::as_signed_in(async |state, me| people::person(state, me, &username).await).await
}
