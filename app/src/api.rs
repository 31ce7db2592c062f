//! Server functions, one `verb_noun` each. They are thin: the work is in `crate::server`.
//! Endpoints are fixed names so a form rendered by one build still posts to the next.
pub mod account;
pub mod admin;
pub mod auth;
pub mod members;
pub mod messages;
pub mod people;
pub mod preferences;
pub mod rooms;
pub mod search;

/// A safe place to go after signing in: a local path, never another site.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && p.chars().all(|c| c.is_ascii_graphic()) =>
        {
            p.to_owned()
        }
        _ => "/rooms/general".to_owned(),
    }
}

/// The page of a room, for redirects; anything that is not a plain slug goes to `general`.
pub fn room_path(slug: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if (1..=64).contains(&slug.len()) && slug.chars().all(plain) {
        format!("/rooms/{slug}")
    } else {
        "/rooms/general".to_owned()
    }
}

/// Someone's page; anything that is not a plain username goes to `general`.
pub fn person_path(username: &str) -> String {
    match crate::rules::username(username) {
        Ok(name) => format!("/people/{name}"),
        Err(_) => "/rooms/general".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{local_path, room_path};

    #[test]
    fn room_paths_only_take_plain_slugs() {
        assert_eq!(room_path("general"), "/rooms/general");
        assert_eq!(room_path("a\r\nb"), "/rooms/general");
        assert_eq!(room_path("../x"), "/rooms/general");
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(local_path(Some("/rooms/general?x=1")), "/rooms/general?x=1");
        assert_eq!(local_path(Some("//evil.example")), "/rooms/general");
        assert_eq!(local_path(Some("https://evil.example")), "/rooms/general");
        assert_eq!(local_path(Some("/\\evil.example")), "/rooms/general");
        assert_eq!(local_path(Some("/a\nLocation: x")), "/rooms/general");
        assert_eq!(local_path(None), "/rooms/general");
    }
}
