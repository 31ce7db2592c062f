//! kaiwa (会話): the app shared by the server (feature `ssr`) and the browser (feature `hydrate`).
#![recursion_limit = "512"]

pub mod api;
pub mod error;
pub mod i18n;
pub mod model;
pub mod rules;
pub mod ui;

#[cfg(feature = "hydrate")]
pub mod live;

#[cfg(feature = "ssr")]
pub mod server;

pub use error::AppError;
pub use ui::{shell, App};
