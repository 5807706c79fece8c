-- Rooms (docs/protocol.md, "Rooms"). The tables are the room state that outlives retention:
-- written by the event committer in the same transaction as the events that change them, read
-- at startup. #lobby is row 1; its events keep room_id NULL in chat_event, as before rooms.
-- Runs unchanged on H2 and PostgreSQL.
CREATE TABLE chat_room (
    id          INT          PRIMARY KEY,
    name        VARCHAR(33)  NOT NULL,
    -- = name while the room is open, NULL once closed: a closed room frees its name
    open_name   VARCHAR(33)  UNIQUE,
    created_seq BIGINT       NOT NULL,
    created_by  VARCHAR(64),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    topic       VARCHAR(1024),
    invite_only BOOLEAN      NOT NULL,
    topic_lock  BOOLEAN      NOT NULL,
    closed_seq  BIGINT
);
INSERT INTO chat_room (id, name, open_name, created_seq, created_by, created_at, topic, invite_only, topic_lock, closed_seq)
VALUES (1, '#lobby', '#lobby', 0, NULL, CURRENT_TIMESTAMP, NULL, FALSE, TRUE, NULL);

-- One row per membership span: from its room.joined to the room.left or room.closed that ended
-- it (inclusive), to_seq NULL while the user is a member. History and replay show a room's
-- events to those whose span holds them.
CREATE TABLE chat_room_member (
    user_key  VARCHAR(64) NOT NULL,
    room_id   INT         NOT NULL REFERENCES chat_room (id),
    from_seq  BIGINT      NOT NULL,
    to_seq    BIGINT,
    user_name VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_key, room_id, from_seq)
);
CREATE INDEX chat_room_member_room ON chat_room_member (room_id, to_seq);

CREATE TABLE chat_room_op (
    room_id   INT         NOT NULL REFERENCES chat_room (id),
    user_key  VARCHAR(64) NOT NULL,
    user_name VARCHAR(64) NOT NULL,
    seq       BIGINT      NOT NULL,
    PRIMARY KEY (room_id, user_key)
);

CREATE TABLE chat_room_ban (
    room_id   INT           NOT NULL REFERENCES chat_room (id),
    user_key  VARCHAR(64)   NOT NULL,
    user_name VARCHAR(64)   NOT NULL,
    by_name   VARCHAR(64)   NOT NULL,
    seq       BIGINT        NOT NULL,
    reason    VARCHAR(1024),
    PRIMARY KEY (room_id, user_key)
);

CREATE TABLE chat_room_invite (
    room_id    INT         NOT NULL REFERENCES chat_room (id),
    user_key   VARCHAR(64) NOT NULL,
    user_name  VARCHAR(64) NOT NULL,
    by_name    VARCHAR(64) NOT NULL,
    seq        BIGINT      NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (room_id, user_key)
);

ALTER TABLE chat_event ALTER COLUMN type SET DATA TYPE VARCHAR(16);
-- NULL: #lobby, direct events, online/offline presence
ALTER TABLE chat_event ADD COLUMN room_id INT;
-- msg: 'action' or NULL; room.left: its reason
ALTER TABLE chat_event ADD COLUMN kind VARCHAR(16);
-- the user acted on by another (op, ban, kick, invite)
ALTER TABLE chat_event ADD COLUMN target_name VARCHAR(64);
-- room.mode: 1 invite-only, 2 topic lock; room.op / room.ban: 1 = set; room.joined: 1 = created
ALTER TABLE chat_event ADD COLUMN flags SMALLINT;
-- history of one room without scanning the log
CREATE INDEX chat_event_room ON chat_event (room_id, seq);

-- Server roles of registered names ('admin'), granted from the command line.
CREATE TABLE chat_role (
    name_key VARCHAR(64) NOT NULL,
    role     VARCHAR(16) NOT NULL,
    PRIMARY KEY (name_key, role)
);
