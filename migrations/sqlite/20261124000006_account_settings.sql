-- Sessions as their owner sees them in settings: an id to name one by (never the token), the
-- device it signed in from, and when it was last used.
ALTER TABLE sessions ADD COLUMN public_id TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
UPDATE sessions SET public_id = lower(hex(randomblob(8))), last_seen_at = created_at;
CREATE UNIQUE INDEX sessions_by_public_id ON sessions(public_id);

-- A deleted account keeps its row, so its messages stay (shown as from a deleted user); its
-- username is released and it can no longer sign in.
ALTER TABLE users ADD COLUMN deleted_at TEXT;
