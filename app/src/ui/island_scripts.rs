//! The script that brings a page's islands to life, in place of leptos' `HydrationScripts`:
//! the same loader, minus the `<link rel=preload>` of the wasm that `HydrationScripts` puts in
//! every page's head at high priority. That preload competed with the page's own text for a slow
//! link (Lighthouse's mobile LCP went from about 1 s to 2.9 s), and it fetched the code on pages
//! that have no island at all. Now the code is fetched once the page is idle, and only where an
//! island is (`island_loader.js`).
use std::sync::OnceLock;

use leptos::{config::LeptosOptions, nonce::use_nonce, prelude::*};

#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // As HydrationScripts does: nothing outside an island is hydrated.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let (js, wasm) = file_names(&options);
    let pkg = options.site_pkg_dir.to_string();
    let script = format!(
        "{}(\"\", {pkg:?}, {js:?}, {wasm:?});",
        include_str!("island_loader.js")
    );
    view! { <script type="module" nonce=use_nonce()>{script}</script> }
}

/// The names (without extension) of the JS and the wasm under `pkg/`: with their content hash
/// when the build named them so (`hash.txt` beside the binary, read once), as leptos names them.
fn file_names(options: &LeptosOptions) -> (String, String) {
    static NAMES: OnceLock<(String, String)> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            let name = options.output_name.to_string();
            if !options.hash_files {
                let wasm = match option_env!("LEPTOS_OUTPUT_NAME") {
                    Some(_) => name.clone(),
                    None => format!("{name}_bg"),
                };
                return (name, wasm);
            }
            let hashes = std::env::current_exe()
                .map(|exe| exe.with_file_name(options.hash_file.as_ref()))
                .and_then(std::fs::read_to_string)
                .unwrap_or_default();
            let hash_of = |kind: &str| {
                hashes
                    .lines()
                    .filter_map(|line| line.trim().split_once(':'))
                    .find(|(file, _)| *file == kind)
                    .map(|(_, hash)| format!("{name}.{}", hash.trim()))
                    .unwrap_or_else(|| name.clone())
            };
            (hash_of("js"), hash_of("wasm"))
        })
        .clone()
}
