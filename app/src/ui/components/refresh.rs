use leptos::prelude::*;
use server_fn::ServerFn;

use crate::AppError;

/// Bumped after a change that the page must read again (joining, inviting, …). Pages that
/// offer such forms provide it; a plain form gets a fresh page by its redirect anyway.
#[derive(Clone, Copy)]
pub struct Refresh(pub RwSignal<u32>);

impl Refresh {
    pub fn track(&self) -> u32 {
        self.0.get()
    }
}

/// Reads the page again once `action` succeeds.
pub fn after_success<A>(action: ServerAction<A>)
where
    A: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Send + Sync + 'static,
{
    let refresh = use_context::<Refresh>();
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(refresh)) = (action.value().get(), refresh) {
            refresh.0.update(|n| *n += 1);
        }
    });
}
