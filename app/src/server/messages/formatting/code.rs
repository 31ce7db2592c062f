//! Code blocks, highlighted on the server with syntect and bat's grammars (two-face). Colours come from CSS classes
//! (`hl-keyword`, `hl-string` …), so the page's stylesheet themes them.
use std::sync::LazyLock;

use syntect::{
    html::{ClassStyle, ClassedHTMLGenerator},
    parsing::{SyntaxReference, SyntaxSet},
    util::LinesWithEndings,
};

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// The class prefix keeps grammar scopes apart from the page's own classes.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// `<pre class="code">` holding `code`, highlighted when `lang` names a grammar we have.
pub fn highlight(lang: &str, code: &str) -> String {
    let syntax = syntax_for(lang);
    let plain = SYNTAXES.find_syntax_plain_text();
    let (syntax, inner) = match classed(syntax, code) {
        Some(inner) => (syntax, inner),
        None => (plain, classed(plain, code).unwrap_or_default()),
    };
    let lang_attr = if std::ptr::eq(syntax, plain) {
        String::new()
    } else {
        format!(
            r#" data-lang="{}""#,
            syntax.name.to_lowercase().replace('"', "")
        )
    };
    format!(r#"<pre class="code"{lang_attr}><code>{inner}</code></pre>"#)
}

/// `<pre class="code">` holding `code`, escaped and not highlighted.
pub fn plain(code: &str) -> String {
    let mut inner = String::with_capacity(code.len() + code.len() / 4);
    pulldown_cmark::html::push_html(
        &mut inner,
        std::iter::once(pulldown_cmark::Event::Text(code.into())),
    );
    format!(r#"<pre class="code"><code>{inner}</code></pre>"#)
}

/// The code as escaped HTML with a span per grammar scope.
fn classed(syntax: &SyntaxReference, code: &str) -> Option<String> {
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// The grammar for a fence's language, by name or file extension, with the usual aliases.
fn syntax_for(lang: &str) -> &'static SyntaxReference {
    let lang = lang.to_ascii_lowercase();
    let token = match lang.as_str() {
        "typescript" => "ts",
        "javascript" | "node" => "js",
        "shell" | "bash" | "zsh" | "console" | "sh" => "sh",
        "py" | "python3" => "python",
        "c++" => "cpp",
        "golang" => "go",
        "yml" => "yaml",
        other => other,
    };
    (!token.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(token))
        .flatten()
        .unwrap_or_else(|| SYNTAXES.find_syntax_plain_text())
}

/// Loads the grammars now rather than on the first code block someone posts.
pub fn warm_up() {
    LazyLock::force(&SYNTAXES);
}
