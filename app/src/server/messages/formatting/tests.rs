//! The renderer against an XSS corpus and a corpus of Markdown and code cases.
use super::render;

fn html(body: &str) -> String {
    render(body, |name| ["bob", "carol"].contains(&name)).html
}

/// The attributes in `out`, checking that every tag and attribute is on the list a message's
/// HTML may hold; anything else is a sanitiser failure.
fn allowed_attributes(out: &str) -> Result<Vec<(String, String)>, String> {
    let mut found = Vec::new();
    let tags = [
        "p",
        "br",
        "em",
        "strong",
        "del",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "span",
        "hr",
    ];
    let attributes = ["href", "title", "rel", "class", "start", "data-lang"];
    let mut rest = out;
    while let Some(open) = rest.find('<') {
        let close = rest[open..]
            .find('>')
            .ok_or(format!("unclosed tag in {out}"))?
            + open;
        let tag = &rest[open + 1..close];
        let tag = tag.trim_start_matches('/');
        let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        if !tags.contains(&name) {
            return Err(format!("tag <{name}> in {out}"));
        }
        // Attributes as the sanitiser writes them: key="value", separated by spaces.
        while let Some((key, after)) = attrs.trim_start().split_once("=\"") {
            if !attributes.contains(&key) {
                return Err(format!("attribute {key} in {out}"));
            }
            let (value, more) = after.split_once('"').unwrap_or((after, ""));
            found.push((key.to_owned(), value.to_owned()));
            attrs = more;
        }
        if !attrs.trim().is_empty() {
            return Err(format!("stray {attrs:?} in {out}"));
        }
        rest = &rest[close + 1..];
    }
    Ok(found)
}

const XSS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "hello <b onmouseover=alert(1)>bold</b>",
    "<svg/onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](https://example.com/a.png\" onerror=\"alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](https://example.com \"title\\\" onmouseover=alert(1)\")",
    "<javascript:alert(1)>",
    "<style>body{display:none}</style>",
    "<div style=\"position:fixed;inset:0\">cover</div>",
    "<!-- comment --><script>x</script>",
    "```html\n<script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<form action=/rooms/general/delete><button>go</button></form>",
    "<span class=\"mention\">@fake</span>",
    "<a href=https://evil.example>x</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "[x](https://example.com/\"><script>alert(1)</script>)",
    "<<script>script>alert(1)<</script>/script>",
    "```\"><script>alert(1)</script>\nx\n```",
    "> <script>alert(1)</script>",
    "- <img src=x onerror=alert(1)>",
    "https://example.com/<script>alert(1)</script>",
];

#[test]
fn no_markup_outside_the_allow_list_survives_the_xss_corpus() {
    for case in XSS {
        let out = html(case);
        let attributes = allowed_attributes(&out).unwrap_or_else(|e| panic!("{case:?}: {e}"));
        for (key, value) in attributes {
            let fine = match key.as_str() {
                "href" => ["https://", "http://", "mailto:"]
                    .iter()
                    .any(|s| value.starts_with(s)),
                "class" => value
                    .split(' ')
                    .all(|c| c == "code" || c == "mention" || c.starts_with("hl-")),
                _ => true,
            };
            assert!(fine, "{case:?} gave {key}={value:?} in {out}");
        }
    }
}

#[test]
fn raw_html_is_shown_as_the_text_it_is() {
    assert_eq!(html("<b>hi</b>"), "<p>&lt;b&gt;hi&lt;/b&gt;</p>\n");
    assert_eq!(
        html("<script>alert(1)</script>"),
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    );
    assert!(html("a <i>b</i> c").contains("a &lt;i&gt;b&lt;/i&gt; c"));
}

#[test]
fn only_marks_kaiwa_writes_itself_keep_their_class() {
    let out = html("<span class=\"mention\">@fake</span>");
    assert!(!out.contains("<span"), "{out}");
}

#[test]
fn links_are_web_or_mail_only_and_never_pass_on_the_reader() {
    let out = html("[kaiwa](https://kaiwa.example/rooms)");
    assert_eq!(
        out,
        "<p><a href=\"https://kaiwa.example/rooms\" rel=\"nofollow noopener noreferrer\">kaiwa</a></p>\n"
    );
    assert!(!html("[x](javascript:alert(1))").contains("href"));
    assert!(html("[mail](mailto:bob@example.com)").contains("href=\"mailto:bob@example.com\""));
}

#[test]
fn bare_urls_become_links_and_stop_at_japanese_punctuation() {
    let out = html("see https://example.com/a?b=1 now");
    assert!(
        out.contains("<a href=\"https://example.com/a?b=1\" rel=\"nofollow noopener noreferrer\">https://example.com/a?b=1</a> now"),
        "{out}"
    );
    let out = html("資料はhttps://example.com/docs。よろしく");
    assert!(
        out.contains(">https://example.com/docs</a>。よろしく"),
        "{out}"
    );
    // Inside code, a URL stays text.
    assert!(!html("`https://example.com`").contains("<a"));
}

#[test]
fn the_markdown_subset_renders() {
    let cases = [
        (
            "*em* and **strong** and ~~gone~~",
            "<p><em>em</em> and <strong>strong</strong> and <del>gone</del></p>\n",
        ),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"),
        (
            "3. three\n4. four",
            "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n",
        ),
        (
            "> quoted\n> lines",
            "<blockquote>\n<p>quoted<br>\nlines</p>\n</blockquote>\n",
        ),
        (
            "use `Vec<u8>` here",
            "<p>use <code>Vec&lt;u8&gt;</code> here</p>\n",
        ),
        ("line one\nline two", "<p>line one<br>\nline two</p>\n"),
        ("# Not a heading in chat", "<p>Not a heading in chat</p>\n"),
        (
            "**会話**は*楽しい*",
            "<p><strong>会話</strong>は<em>楽しい</em></p>\n",
        ),
        ("1 < 2 && 3 > 2", "<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>\n"),
    ];
    for (body, expected) in cases {
        assert_eq!(html(body), expected, "{body:?}");
    }
}

#[test]
fn images_become_links_so_nothing_is_fetched_by_itself() {
    let out = html("![cat](https://example.com/cat.png)");
    assert!(!out.contains("<img"), "{out}");
    assert!(
        out.contains("<a href=\"https://example.com/cat.png\""),
        "{out}"
    );
}

#[test]
fn fenced_code_is_highlighted_for_common_languages() {
    for (lang, code, keyword) in [
        ("rust", "fn main() {\n    let x = 1;\n}\n", "fn"),
        ("python", "def f(x):\n    return x\n", "def"),
        ("js", "const x = () => 1;\n", "const"),
        ("typescript", "let y: number = 2;\n", "let"),
        ("sql", "SELECT * FROM messages;\n", "SELECT"),
        ("bash", "if [ -f x ]; then echo hi; fi\n", "if"),
        ("go", "func main() {}\n", "func"),
        ("java", "public class A {}\n", "class"),
        ("c", "int main(void) { return 0; }\n", "return"),
        ("cpp", "auto x = new int(1);\n", "new"),
        ("ruby", "def hi; end\n", "def"),
        ("php", "<?php function f() {}\n", "function"),
    ] {
        let out = html(&format!("```{lang}\n{code}```"));
        assert!(
            out.starts_with("<pre class=\"code\" data-lang="),
            "{lang}: {out}"
        );
        assert!(
            out.contains("hl-keyword") || out.contains("hl-storage"),
            "{lang}: {out}"
        );
        assert!(out.contains(keyword), "{lang}: {out}");
    }
}

#[test]
fn data_and_markup_languages_are_highlighted_too() {
    for (lang, code) in [
        ("json", "{\"a\": [1, true]}\n"),
        ("yaml", "key: value\n"),
        ("html", "<p class=\"x\">hi</p>\n"),
        ("css", "p { color: red; }\n"),
        ("toml", "a = 1\n"),
    ] {
        let out = html(&format!("```{lang}\n{code}```"));
        assert!(out.contains("data-lang"), "{lang}: {out}");
        assert!(
            out.matches("<span class=\"hl-").count() > 2,
            "{lang}: {out}"
        );
    }
}

#[test]
fn code_keeps_its_text_exactly_and_unknown_languages_stay_plain() {
    let code = "a < b && c > \"d\"\n  indented\n";
    let out = html(&format!("```nosuchlang\n{code}```"));
    assert!(!out.contains("data-lang"), "{out}");
    let text = out
        .split('<')
        .filter_map(|part| part.split_once('>').map(|(_, t)| t))
        .collect::<String>();
    assert_eq!(
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&"),
        code
    );
}

#[test]
fn code_with_japanese_comments_is_kept_whole() {
    let out = html("```rust\n// 会話のテスト\nlet s = \"こんにちは\";\n```");
    assert!(
        out.contains("会話のテスト") && out.contains("こんにちは"),
        "{out}"
    );
    assert!(out.contains("hl-comment"), "{out}");
}

#[test]
fn members_mentioned_are_marked_and_listed_once() {
    let formatted = render("@bob hi @BOB and @dave, ありがとう@carol", |name| {
        ["bob", "carol"].contains(&name)
    });
    assert_eq!(formatted.mentioned, ["bob", "carol"]);
    assert!(formatted.html.contains(
        "<span class=\"mention\">@bob</span> hi <span class=\"mention\">@BOB</span> and @dave"
    ));
    assert!(formatted
        .html
        .contains("ありがとう<span class=\"mention\">@carol</span>"));
}

#[test]
fn mentions_in_code_and_links_are_left_as_typed() {
    let formatted = render(
        "`@bob` [@bob](https://x.example) https://x.example/@bob",
        |_| true,
    );
    assert!(formatted.mentioned.is_empty(), "{formatted:?}");
    assert!(!formatted.html.contains("mention"));
}

#[test]
fn no_message_renders_past_the_budget_and_what_is_cut_is_formatting_not_text() {
    use super::MAX_HTML_BYTES;
    // 3,996 characters that highlighting turned into 376 KB of HTML.
    let tags = format!("```html\n{}\n```", "<a>".repeat(1_328));
    let out = html(&tags);
    assert!(out.len() <= MAX_HTML_BYTES, "{} bytes", out.len());
    assert!(
        out.starts_with(r#"<pre class="code"><code>&lt;a&gt;&lt;a&gt;"#),
        "{out}"
    );
    assert_eq!(out.matches("&lt;a&gt;").count(), 1_328);

    // Quotes nested 3,990 deep would be 100 KB of tags: shown as the plain text it is.
    let nested = format!("{}\"深い\"", ">".repeat(3_990));
    let out = html(&nested);
    assert!(out.len() <= MAX_HTML_BYTES, "{} bytes", out.len());
    assert_eq!(out, format!("<p>{}\"深い\"</p>\n", "&gt;".repeat(3_990)));

    let lines = "`x`\n".repeat(1_000);
    let out = html(&lines);
    assert!(out.len() <= MAX_HTML_BYTES, "{} bytes", out.len());
    assert_eq!(out.matches('x').count(), 1_000);
}
