-- The cluster's tables (chat.cluster.enabled; unused by a server alone). Plain SQL that runs
-- on H2 too, so both databases keep one migration history.

-- One row per running replica: its heartbeat, by the database's clock only (replicas' clocks
-- never matter). A row older than chat.cluster.dead-after is a dead replica's.
CREATE TABLE chat_node (
    node_id      VARCHAR(128)             PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per online name, cluster-wide: the primary key on the lower-case name is what
-- makes a name online on one replica only (a second claim fails, name_taken).
CREATE TABLE chat_online (
    name_key   VARCHAR(64)              PRIMARY KEY,
    name       VARCHAR(64)              NOT NULL,
    node_id    VARCHAR(128)             NOT NULL,
    session_id VARCHAR(64)              NOT NULL,
    since      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX chat_online_node ON chat_online (node_id);

-- Failed logins per key (a name, an address), so that a lockout holds on every replica
-- (chat.auth.lockout); a server alone counts them in memory.
CREATE TABLE chat_login_failure (
    fail_key     VARCHAR(200)             PRIMARY KEY,
    failures     INT                      NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE,
    last_failure TIMESTAMP WITH TIME ZONE NOT NULL
);
