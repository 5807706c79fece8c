-- The last seq given, in a row of its own, updated in the same transaction as the events
-- it numbers. The server numbers events itself (no generated keys to fetch back), and this
-- keeps numbers from ever being given twice, even after retention has deleted every event.
-- (The cluster will take the same row's lock per batch so that commit order is seq order.)
CREATE TABLE chat_seq (
    id       INT    PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
INSERT INTO chat_seq (id, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM chat_event;
