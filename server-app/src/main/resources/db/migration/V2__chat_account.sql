-- Registered names. name_key is the name in lower case (names are unique case-insensitively);
-- password_hash is an Argon2id hash in the encoder's own format, never the password.
CREATE TABLE chat_account (
    name_key      VARCHAR(64)  PRIMARY KEY,
    name          VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(512) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
