-- Every change to what lets an account in (a session or token ended, a new password, the
-- account deactivated or deleted) leaves a row here, whichever process made it: the server
-- reads new rows every second and has that account's open sockets check their own credential
-- again. So `kaiwa admin reset-password`, run beside a server, closes its sockets too.
CREATE TABLE credential_changes (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    changed_at INTEGER NOT NULL DEFAULT (unixepoch())
);

CREATE TRIGGER session_ended AFTER DELETE ON sessions BEGIN
    INSERT INTO credential_changes (user_id) VALUES (old.user_id);
END;

CREATE TRIGGER token_ended AFTER DELETE ON api_tokens BEGIN
    INSERT INTO credential_changes (user_id) VALUES (old.user_id);
END;

CREATE TRIGGER account_credentials_changed
AFTER UPDATE OF password_hash, deactivated_at, deleted_at ON users
WHEN old.password_hash IS NOT new.password_hash
  OR old.deactivated_at IS NOT new.deactivated_at
  OR old.deleted_at IS NOT new.deleted_at
BEGIN
    INSERT INTO credential_changes (user_id) VALUES (new.id);
END;
