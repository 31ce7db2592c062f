-- Browsers that have signed in to an account before. Sign-in throttling counts their failures
-- against their address only, so a stranger hammering an account cannot lock its owner out of
-- the browsers they already use. As with sessions, only the token's SHA-256 is stored.
CREATE TABLE known_devices (
    token_hash BLOB    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX known_devices_by_user ON known_devices (user_id);
