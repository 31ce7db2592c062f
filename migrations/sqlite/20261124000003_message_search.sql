-- Full-text search over message text. The trigram tokenizer indexes every run of three
-- characters, so it finds words inside Japanese text, which has no spaces between words
-- (「今日の会話は楽しい」), as well as inside English words, with no language-specific
-- segmenter. Queries of one or two characters (会話) cannot use the index and fall back to a
-- scan of the index's text (see db::search).
CREATE VIRTUAL TABLE message_search USING fts5(
    body, content = 'messages', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO message_search (rowid, body) SELECT id, body FROM messages;

CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER message_search_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO message_search (rowid, body) VALUES (new.id, new.body);
END;
