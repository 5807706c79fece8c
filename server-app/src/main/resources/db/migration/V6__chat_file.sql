-- Files of the PostgreSQL file store (chat.files.store=postgres): one row per file, naming
-- the large object that holds its bytes. stored_at is NULL while the upload is in progress;
-- touched_at (the database's clock, set by every chunk) finds uploads whose replica died.
-- Portable SQL, so it also runs on H2, where the table stays empty (the local store keeps files in a folder).
CREATE TABLE chat_file (
    id         BIGINT PRIMARY KEY,
    blob_oid   BIGINT NOT NULL,
    name       VARCHAR(1024),
    size       BIGINT,
    sha256     VARCHAR(64),
    from_name  VARCHAR(64),
    to_name    VARCHAR(64),
    -- the room of a room's file (not #lobby): who may fetch it is who saw its event
    room_name  VARCHAR(33),
    stored_at  TIMESTAMP WITH TIME ZONE,
    touched_at TIMESTAMP WITH TIME ZONE NOT NULL
);
