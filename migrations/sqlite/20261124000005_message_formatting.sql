-- A message's text as sanitised HTML (Markdown subset, highlighted code, links, mentions),
-- rendered once when the message is written. NULL for messages written before formatting
-- existed: the server renders those when it starts (db::formatted::render_missing).
ALTER TABLE messages ADD COLUMN html TEXT;
-- The usernames a message mentions, as a JSON array; the mention badge counts unread ones.
ALTER TABLE messages ADD COLUMN mentioned TEXT NOT NULL DEFAULT '[]';
