//! Which requests come from kaiwa's own pages: the Host they name, and the Origin of a
//! state-changing request or a WebSocket.
use std::net::IpAddr;

use axum::http::{header, HeaderMap};

use crate::server::Settings;

/// Whether a request names a host kaiwa answers for: the one in `--public-origin`, or, without
/// it, an IP address or `localhost`. Any other name may be an attacker's domain pointed at this
/// server (DNS rebinding: a page on that domain would then count as same-origin, and could make
/// the first, admin, account of a fresh install).
pub fn is_allowed_host(headers: &HeaderMap, settings: &Settings) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        // HTTP/1.0 without Host: nothing for a browser page to rebind.
        return true;
    };
    let name = host_name(host);
    if let Some(public) = settings.public_origin.as_deref().and_then(authority) {
        if host_name(public).eq_ignore_ascii_case(name) {
            return true;
        }
    }
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.parse::<IpAddr>().is_ok()
        || name.eq_ignore_ascii_case("localhost")
        || name.to_ascii_lowercase().ends_with(".localhost")
}

/// Whether a request comes from our own pages (or from a non-browser client, which sends
/// neither `Origin` nor `Sec-Fetch-Site` and carries no ambient browser credentials). The
/// origin's scheme counts: `https` when kaiwa is served over TLS (`--secure-cookies`, or a
/// proxy's `X-Forwarded-Proto` with `--behind-proxy`), `http` otherwise.
pub fn is_same_origin(headers: &HeaderMap, settings: &Settings) -> bool {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match value(header::ORIGIN.as_str()) {
        Some(origin) => {
            let public = settings.public_origin.as_deref();
            if public.is_some_and(|o| o.trim_end_matches('/') == origin) {
                return true;
            }
            let over_tls = settings.secure_cookies
                || (settings.behind_proxy && value("x-forwarded-proto") == Some("https"));
            let scheme = if over_tls { "https://" } else { "http://" };
            origin
                .strip_prefix(scheme)
                .is_some_and(|a| Some(a) == value(header::HOST.as_str()))
        }
        None => !matches!(value("sec-fetch-site"), Some("cross-site" | "same-site")),
    }
}

fn authority(origin: &str) -> Option<&str> {
    let origin = origin.trim_end_matches('/');
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
}

/// `host:port` without the port (`[::1]:3000` is `[::1]`).
fn host_name(host: &str) -> &str {
    match host.rfind(':') {
        Some(colon) if !host[colon..].contains(']') => &host[..colon],
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(public_origin: Option<&str>) -> Settings {
        Settings {
            public_origin: public_origin.map(str::to_owned),
            ..Settings::default()
        }
    }

    fn is_same_origin(h: &HeaderMap, public_origin: Option<&str>) -> bool {
        super::is_same_origin(h, &settings(public_origin))
    }

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

    #[test]
    fn the_scheme_is_part_of_the_origin() {
        let h = headers(&[
            ("host", "chat.example.org"),
            ("origin", "https://chat.example.org"),
        ]);
        assert!(!is_same_origin(&h, None), "served over plain http");
        let tls = Settings {
            secure_cookies: true,
            ..Settings::default()
        };
        assert!(super::is_same_origin(&h, &tls));
        let h = headers(&[
            ("host", "chat.example.org"),
            ("origin", "http://chat.example.org"),
        ]);
        assert!(!super::is_same_origin(&h, &tls));
    }

    #[test]
    fn only_ip_addresses_localhost_and_the_public_origin_are_hosts_we_answer_for() {
        for host in [
            "127.0.0.1:3000",
            "192.168.1.5",
            "[::1]:3000",
            "localhost:3000",
            "kaiwa.localhost",
        ] {
            assert!(
                is_allowed_host(&headers(&[("host", host)]), &settings(None)),
                "{host}"
            );
        }
        let rebound = headers(&[("host", "attacker.example:3000")]);
        assert!(!is_allowed_host(&rebound, &settings(None)));
        let ours = headers(&[("host", "chat.example.org")]);
        assert!(is_allowed_host(
            &ours,
            &settings(Some("https://chat.example.org"))
        ));
        assert!(!is_allowed_host(
            &rebound,
            &settings(Some("https://chat.example.org"))
        ));
    }
}
