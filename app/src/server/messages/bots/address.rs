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

/// Whether `ip` is an ordinary public address: none of the special-purpose blocks of IANA's
/// IPv4 and IPv6 registries (loopback, private, link-local, documentation, benchmarking,
/// protocol assignments, multicast, reserved …), and an IPv6 address that carries an IPv4 one
/// (mapped, compatible, NAT64, 6to4) only if that one is public.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0 // "this network"
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 169 && b == 254) // link-local, cloud metadata
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // documentation
        || (a == 192 && b == 88 && c == 99) // 6to4 relay anycast
        || (a == 192 && b == 168)
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // documentation
        || (a == 203 && b == 0 && c == 113) // documentation
        || a >= 224) // multicast, reserved, broadcast
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let embedded = |high: u16, low: u16| {
        let [h1, h2] = high.to_be_bytes();
        let [l1, l2] = low.to_be_bytes();
        Ipv4Addr::new(h1, h2, l1, l2)
    };
    match s {
        // ::/96 (unspecified, loopback, IPv4-compatible) and ::ffff:0:0/96 (IPv4-mapped).
        [0, 0, 0, 0, 0, 0, ..] => false,
        [0, 0, 0, 0, 0, 0xffff, high, low] => is_public_v4(embedded(high, low)),
        // NAT64: the well-known prefix carries an IPv4 address; the local-use one is local.
        [0x64, 0xff9b, 0, 0, 0, 0, high, low] => is_public_v4(embedded(high, low)),
        [0x64, 0xff9b, 1, ..] => false,
        // 6to4 carries an IPv4 address in its second and third segments.
        [0x2002, high, low, ..] => is_public_v4(embedded(high, low)),
        // IETF protocol assignments (Teredo, benchmarking, ORCHID …) and documentation.
        [0x2001, second, ..] if second < 0x0200 => false,
        [0x2001, 0x0db8, ..] => false,
        [first, ..] => {
            (0x2000..0x4000).contains(&first) // global unicast
                && first & 0xfff0 != 0x3ff0 // 3fff::/20, documentation
        }
    }
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
            // Found getting past the first filter.
            "::127.0.0.1",
            "64:ff9b::7f00:1",
            "2002:7f00:1::1",
            "fec0::1",
            "192.0.0.1",
            // More of the registries' special blocks.
            "192.0.2.1",
            "198.51.100.1",
            "203.0.113.1",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "100::1",
            "2001::1",
            "2001:db8::1",
            "3fff::1",
            "ff02::1",
            "64:ff9b:1::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700:4700::1111",
            "64:ff9b::5db8:d822",
            "2002:5db8:d822::1",
            "::ffff:93.184.216.34",
        ] {
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
