mod admin_page;
mod delete_room_page;
mod edit_message_page;
mod not_found;
mod person_page;
mod react_page;
mod room_page;
mod rooms_page;
mod search_page;
mod settings_page;
mod sign_in_page;
mod sign_up_page;

pub use admin_page::AdminPage;
pub use delete_room_page::DeleteRoomPage;
pub use edit_message_page::EditMessagePage;
pub use not_found::NotFound;
pub use person_page::PersonPage;
pub use react_page::ReactPage;
pub use room_page::RoomPage;
pub use rooms_page::RoomsPage;
pub use search_page::SearchPage;
pub use settings_page::SettingsPage;
pub use sign_in_page::SignInPage;
pub use sign_up_page::SignUpPage;

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::{i18n::use_lang, tr, ui::with_next, AppError};

/// What a page shows when its data could not be loaded: the sign-in page (coming back to
/// `here`), "not found", or the error.
pub(crate) fn problem(error: AppError, here: String) -> AnyView {
    match error {
        AppError::SignInRequired => {
            view! { <Redirect path=with_next("/signin", &here) /> }.into_any()
        }
        AppError::RoomNotFound | AppError::PersonNotFound | AppError::MessageNotFound => {
            view! { <NotFound /> }.into_any()
        }
        e => {
            let lang = use_lang();
            view! {
                <main class="card">
                    <h1>{tr!(lang, "page-not-loaded")}</h1>
                    <p role="alert">{lang.error(&e)}</p>
                </main>
            }
        }
        .into_any(),
    }
}
