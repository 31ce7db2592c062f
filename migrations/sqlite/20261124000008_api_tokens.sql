-- Personal access tokens for scripts and bots (`Authorization: Bearer …`). Shown once when
-- created; only the SHA-256 is kept. `public_id` names one in settings.
CREATE TABLE api_tokens (
    token_hash   BLOB    PRIMARY KEY,
    public_id    TEXT    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL DEFAULT (unixepoch()),
    last_used_at INTEGER
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
