-- Rooms people create (public, private or direct), who belongs to each, admins, and whispers.

-- The first account on an install is its admin (see db::users::insert for new installs).
ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0;
UPDATE users SET is_admin = 1 WHERE id = (SELECT min(id) FROM users);

ALTER TABLE rooms ADD COLUMN topic TEXT NOT NULL DEFAULT '';
-- public: anyone signed in may read and join; private: members only, by invitation;
-- direct: exactly two members, no name.
ALTER TABLE rooms ADD COLUMN kind TEXT NOT NULL DEFAULT 'public'
    CHECK (kind IN ('public', 'private', 'direct'));
ALTER TABLE rooms ADD COLUMN created_by INTEGER REFERENCES users(id) ON DELETE SET NULL;

-- last_read_seq: the room event the member has seen up to (unread = visible messages after it).
CREATE TABLE memberships (
    room_id       INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    last_read_seq INTEGER NOT NULL DEFAULT 0,
    joined_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships(user_id, room_id);

-- Everyone already here is in general.
INSERT INTO memberships (room_id, user_id, last_read_seq)
    SELECT r.id, u.id, r.last_seq FROM rooms r, users u WHERE r.slug = 'general';

-- A whisper: a message only its author and recipient may see.
ALTER TABLE messages ADD COLUMN recipient_id INTEGER REFERENCES users(id);
