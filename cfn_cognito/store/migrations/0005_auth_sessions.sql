-- Challenge sessions of the auth flows: single-use, short-lived. `id` is the SHA-256 of the
-- Session token the client holds; `secret_block` the SHA-256 of an SRP SECRET_BLOCK (clients
-- answer PASSWORD_VERIFIER with the secret block and no Session).
CREATE TABLE auth_sessions (
    id TEXT PRIMARY KEY,
    secret_block TEXT UNIQUE,
    pool_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    username TEXT NOT NULL,
    challenge TEXT NOT NULL,
    state TEXT NOT NULL,
    expires REAL NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX auth_sessions_expires ON auth_sessions(expires);

-- Failed sign-ins per user, for AWS's lockout (5 failures, then 2^(n-5) s, up to 15 min).
CREATE TABLE auth_failures (
    pool_id TEXT NOT NULL,
    sub TEXT NOT NULL,
    failures INTEGER NOT NULL,
    last_failure REAL NOT NULL,
    locked_until REAL NOT NULL,
    PRIMARY KEY (pool_id, sub)
) WITHOUT ROWID;
