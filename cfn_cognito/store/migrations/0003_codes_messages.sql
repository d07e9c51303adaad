-- One-time codes a user was sent (sign-up confirmation, password reset, attribute
-- verification), one live code per user and purpose: a new code replaces the old one.
-- `code_hash` is "<salt hex>$<sha256 hex>", never the code itself; `attribute` is what a
-- successful check verifies (email / phone_number), '' when nothing.
CREATE TABLE codes (
    pool_id TEXT NOT NULL,
    sub TEXT NOT NULL,
    purpose TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attribute TEXT NOT NULL,
    created REAL NOT NULL,
    expires REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pool_id, sub, purpose)
) WITHOUT ROWID;

-- The dev inbox: every message a user would have received, in the order it was sent.
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    time REAL NOT NULL,
    pool_id TEXT NOT NULL,
    username TEXT NOT NULL,
    destination TEXT NOT NULL,
    medium TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    code TEXT NOT NULL
);
CREATE INDEX messages_user ON messages(pool_id, username);
