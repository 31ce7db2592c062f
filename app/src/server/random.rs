//! Random identifiers and secrets, from the operating system's generator: session and token
//! secrets, their public ids, a composer's message ids, slug suffixes.
use rand::RngCore;

/// `N` random bytes as lowercase hex (`2 × N` characters).
pub fn hex<const N: usize>() -> String {
    let mut raw = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    hex::encode(raw)
}

/// A fresh id for a message form (the server renders the composer's first one).
pub fn client_id() -> String {
    hex::<16>()
}
