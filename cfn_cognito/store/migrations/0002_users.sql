-- Users of a pool. `username_key` is the lookup form of the username (lower-cased in pools
-- that are case-insensitive); `attributes` is the JSON list of {Name, Value}; `doc` holds the
-- rest (password hash, SRP verifier, history, ...) as JSON, kept apart so listings skip it.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    pool_id TEXT NOT NULL,
    username_key TEXT NOT NULL,
    username TEXT NOT NULL,
    sub TEXT NOT NULL,
    status TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    created REAL NOT NULL,
    modified REAL NOT NULL,
    attributes TEXT NOT NULL,
    doc TEXT NOT NULL
);
-- A rowid table (rows are ~1 KB with the SRP verifier, too big for WITHOUT ROWID pages).
CREATE UNIQUE INDEX users_sub ON users(pool_id, sub);
CREATE UNIQUE INDEX users_username ON users(pool_id, username_key);

-- One row per searchable attribute value of a user, for ListUsers filters (= and ^=) that
-- stay fast on large pools. `value_key` is lower-cased where AWS matches case-insensitively.
CREATE TABLE user_index (
    pool_id TEXT NOT NULL,
    name TEXT NOT NULL,
    value_key TEXT NOT NULL,
    sub TEXT NOT NULL,
    PRIMARY KEY (pool_id, name, value_key, sub)
) WITHOUT ROWID;
CREATE INDEX user_index_sub ON user_index(pool_id, sub);

-- Verified aliases (email, phone_number, preferred_username) a user can sign in with; the
-- unique key is what makes AliasExistsException impossible to race past.
CREATE TABLE aliases (
    pool_id TEXT NOT NULL,
    name TEXT NOT NULL,
    value_key TEXT NOT NULL,
    sub TEXT NOT NULL,
    PRIMARY KEY (pool_id, name, value_key)
) WITHOUT ROWID;
CREATE INDEX aliases_sub ON aliases(pool_id, sub);

CREATE TABLE memberships (
    pool_id TEXT NOT NULL,
    group_name TEXT NOT NULL,
    sub TEXT NOT NULL,
    PRIMARY KEY (pool_id, group_name, sub)
) WITHOUT ROWID;
CREATE INDEX memberships_sub ON memberships(pool_id, sub);
