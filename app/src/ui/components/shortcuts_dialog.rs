use leptos::{html, prelude::*};

use crate::{i18n::use_lang, tr};

/// The list of keyboard shortcuts, a modal dialog (the browser moves focus into it, keeps it
/// there and closes it on Escape; focus goes back to where it was).
#[component]
pub fn ShortcutsDialog(dialog: NodeRef<html::Dialog>) -> impl IntoView {
    let lang = use_lang();
    let row = move |keys: &'static [&'static str], what: String| {
        let keys = keys
            .iter()
            .enumerate()
            .map(|(i, key)| view! { {(i > 0).then_some(" + ")} <kbd>{*key}</kbd> })
            .collect_view();
        view! {
            <tr>
                <td>{keys}</td>
                <td>{what}</td>
            </tr>
        }
    };
    view! {
        <dialog node_ref=dialog class="shortcuts" aria-labelledby="shortcuts-heading">
            <h2 id="shortcuts-heading">{tr!(lang, "shortcuts-heading")}</h2>
            <table>
                <caption class="visually-hidden">{tr!(lang, "shortcuts-heading")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!(lang, "shortcuts-keys")}</th>
                        <th scope="col">{tr!(lang, "shortcuts-action")}</th>
                    </tr>
                </thead>
                <tbody>
                    {row(&["Alt", "↓"], tr!(lang, "shortcut-next-room"))}
                    {row(&["Alt", "↑"], tr!(lang, "shortcut-previous-room"))}
                    {row(&["Alt", "Shift", "↓"], tr!(lang, "shortcut-next-unread-room"))}
                    {row(&["Alt", "Shift", "↑"], tr!(lang, "shortcut-previous-unread-room"))}
                    {row(&["Alt", "U"], tr!(lang, "shortcut-first-unread"))}
                    {row(&["Enter"], tr!(lang, "shortcut-send"))}
                    {row(&["Shift", "Enter"], tr!(lang, "shortcut-new-line"))}
                    {row(&["?"], tr!(lang, "shortcut-help"))}
                    {row(&["Esc"], tr!(lang, "shortcut-close"))}
                </tbody>
            </table>
            <form method="dialog">
                <button type="submit" autofocus>{tr!(lang, "shortcuts-close")}</button>
            </form>
        </dialog>
    }
}
