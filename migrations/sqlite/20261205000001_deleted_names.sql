-- A deleted account keeps no name: pages, exports and the API say "Deleted user" in the
-- reader's language (the fact is deleted_at). Earlier deletions stored English words here.
UPDATE users SET display_name = '' WHERE deleted_at IS NOT NULL;
