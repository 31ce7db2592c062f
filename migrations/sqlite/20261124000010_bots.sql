-- Bots: accounts without a password that act through API tokens. A bot with a webhook hears of
-- messages that mention it or are addressed to it (direct conversations, whispers).
ALTER TABLE users ADD COLUMN is_bot INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN webhook_url TEXT;
-- The admin's explicit permission for a webhook on a private or loopback address.
ALTER TABLE users ADD COLUMN webhook_allow_private INTEGER NOT NULL DEFAULT 0;
