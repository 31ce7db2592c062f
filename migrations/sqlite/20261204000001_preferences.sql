-- Preferences that follow a person to every browser: the language of the interface (NULL:
-- follow the browser's Accept-Language), whether desktop notifications make a sound, and for
-- each room which messages notify them (all, mentions and direct messages only, or nothing).
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('en', 'ja'));
ALTER TABLE users ADD COLUMN notification_sound INTEGER NOT NULL DEFAULT 0;
ALTER TABLE memberships ADD COLUMN notify TEXT NOT NULL DEFAULT 'mentions'
    CHECK (notify IN ('all', 'mentions', 'nothing'));
