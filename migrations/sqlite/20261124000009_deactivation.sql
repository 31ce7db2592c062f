-- An admin can deactivate an account: it cannot sign in, its sessions end, and its API tokens
-- stop working until it is reactivated. Its messages stay as they are.
ALTER TABLE users ADD COLUMN deactivated_at TEXT;
