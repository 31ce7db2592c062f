-- Who is online, across instances: each instance says every second that it is alive and which
-- people have a socket open on it. Someone is online if a live instance has them. UNLOGGED:
-- this is not kept through a crash of the database (instances say it again within a second).
CREATE UNLOGGED TABLE instances (
    id      TEXT   PRIMARY KEY,
    seen_at BIGINT NOT NULL
);

CREATE UNLOGGED TABLE online (
    instance TEXT   NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL,
    PRIMARY KEY (instance, user_id)
);
