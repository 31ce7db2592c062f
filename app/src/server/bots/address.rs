//! Where a webhook may point. By default only public addresses: a webhook must not become a way
//! to reach the server's own network (loopback, private ranges, link-local cloud metadata …).
//! Names are checked when the bot is saved and again at every delivery, by the resolver itself,
//! so a name that later resolves to a private address is refused too.
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::{
    dns::{Addrs, Name, Resolve, Resolving},
    Url,
};

use crate::{error::Invalid, AppError};

/// Whether `ip` is an ordinary public address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link-local
        || first == 0x2001 && ip.segments()[1] == 0x0db8) // documentation
}

/// A webhook URL as typed: http(s) only, with a host, no credentials in it; and, unless
/// `allow_private`, a host whose every address is public.
pub async fn check(raw: &str, allow_private: bool) -> Result<Url, AppError> {
    let url = Url::parse(raw.trim()).map_err(|_| Invalid::WebhookUrl)?;
    let usable = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some()
        && url.username().is_empty()
        && url.password().is_none()
        && raw.len() <= 500;
    if !usable {
        return Err(Invalid::WebhookUrl.into());
    }
    if !allow_private {
        let host = url.host_str().unwrap_or_default();
        let port = url.port_or_known_default().unwrap_or(443);
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.trim_matches(['[', ']']), port))
            .await
            .map_err(|_| Invalid::WebhookUrl)?
            .collect();
        if addrs.is_empty() {
            return Err(Invalid::WebhookUrl.into());
        }
        if !addrs.iter().all(|a| is_public(a.ip())) {
            return Err(AppError::PrivateWebhook);
        }
    }
    Ok(url)
}

/// Whether a delivery to `url` may go ahead: an address typed as an IP is checked here (names
/// are checked by [`PublicOnly`] as they resolve).
pub fn literal_allowed(url: &Url, allow_private: bool) -> bool {
    let literal = url
        .host_str()
        .and_then(|h| h.trim_matches(['[', ']']).parse::<IpAddr>().ok());
    allow_private || literal.is_none_or(is_public)
}

/// A DNS resolver that only ever answers with public addresses.
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let public: Vec<SocketAddr> = found.filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err("the webhook's name resolves only to private addresses".into());
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_loopback_and_metadata_addresses_are_not_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[tokio::test]
    async fn urls_are_checked_for_shape_and_address() {
        for bad in [
            "ftp://example.com/",
            "not a url",
            "http://user:pw@example.com/",
            "/relative",
        ] {
            assert_eq!(
                check(bad, true).await,
                Err(Invalid::WebhookUrl.into()),
                "{bad}"
            );
        }
        for private in [
            "http://127.0.0.1:9000/hook",
            "http://localhost/hook",
            "http://[::1]/hook",
            "http://169.254.169.254/latest",
        ] {
            assert_eq!(
                check(private, false).await,
                Err(AppError::PrivateWebhook),
                "{private}"
            );
            assert!(check(private, true).await.is_ok(), "{private} when allowed");
        }
        // An IP literal at delivery time (names are the resolver's job).
        let url = Url::parse("http://10.0.0.5/hook").unwrap();
        assert!(!literal_allowed(&url, false));
        assert!(literal_allowed(&url, true));
        assert!(literal_allowed(
            &Url::parse("https://example.com/hook").unwrap(),
            false
        ));
    }
}
