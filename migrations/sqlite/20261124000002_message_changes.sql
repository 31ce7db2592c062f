-- Edits and deletions are room events too: each takes the room's next sequence number, kept in
-- changed_seq (the latest change). A deleted message keeps its row, without its text, so that
-- a client resuming after N still learns it is gone.
ALTER TABLE messages ADD COLUMN changed_seq INTEGER;
ALTER TABLE messages ADD COLUMN edited_at TEXT;
ALTER TABLE messages ADD COLUMN deleted_at TEXT;
CREATE INDEX messages_changed ON messages(room_id, changed_seq) WHERE changed_seq IS NOT NULL;
