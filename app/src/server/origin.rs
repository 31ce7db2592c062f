//! Same-origin checks for the WebSocket and for every state-changing request.
use axum::http::{header, HeaderMap};

/// Whether a request comes from our own pages (or from a non-browser client, which sends
/// neither `Origin` nor `Sec-Fetch-Site` and carries no ambient browser credentials).
pub fn is_same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match value(header::ORIGIN.as_str()) {
        Some(origin) => {
            public_origin.is_some_and(|o| o.trim_end_matches('/') == origin)
                || authority(origin).is_some_and(|a| Some(a) == value(header::HOST.as_str()))
        }
        None => !matches!(value("sec-fetch-site"), Some("cross-site" | "same-site")),
    }
}

fn authority(origin: &str) -> Option<&str> {
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    #[test]
    fn our_own_origin_is_accepted() {
        let h = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
        ]);
        assert!(is_same_origin(&h, None));
    }

    #[test]
    fn another_origin_or_a_null_origin_is_refused() {
        let h = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://evil.example"),
        ]);
        assert!(!is_same_origin(&h, None));
        let h = headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]);
        assert!(!is_same_origin(&h, None));
    }

    #[test]
    fn a_configured_public_origin_is_accepted_behind_a_proxy() {
        let h = headers(&[
            ("host", "10.0.0.5:3000"),
            ("origin", "https://chat.example.org"),
        ]);
        assert!(is_same_origin(&h, Some("https://chat.example.org/")));
        assert!(!is_same_origin(&h, None));
    }

    #[test]
    fn without_origin_only_cross_site_fetch_metadata_is_refused() {
        assert!(is_same_origin(&headers(&[("host", "a")]), None));
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            None
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            None
        ));
    }
}
