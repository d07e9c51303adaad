-- Authorization codes of /oauth2/authorize, by the SHA-256 of the code (never the code itself).
-- A code is taken (deleted) by its first redemption, so it works once; it lives 5 minutes.
CREATE TABLE oauth_codes (
    code_hash TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    sub TEXT NOT NULL,
    scopes TEXT NOT NULL,
    nonce TEXT,
    code_challenge TEXT,
    code_challenge_method TEXT,
    auth_time INTEGER NOT NULL,
    expires REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX oauth_codes_pool ON oauth_codes(pool_id);

-- Hosted UI browser sessions (the `cognito` cookie), by the SHA-256 of the cookie value.
-- `confirming` marks a session opened by the sign-up page for a user who has yet to enter
-- the confirmation code: confirming the account in that browser signs the user in.
CREATE TABLE hosted_sessions (
    id_hash TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL,
    sub TEXT NOT NULL,
    auth_time INTEGER NOT NULL,
    expires REAL NOT NULL,
    confirming INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX hosted_sessions_pool ON hosted_sessions(pool_id);

-- The scopes an OAuth sign-in granted, by its origin_jti: tokens refreshed from it keep them.
CREATE TABLE oauth_grants (
    pool_id TEXT NOT NULL,
    origin_jti TEXT NOT NULL,
    scopes TEXT NOT NULL,
    expires REAL NOT NULL,
    PRIMARY KEY (pool_id, origin_jti)
) WITHOUT ROWID;

-- Server-side secrets of the hosted UI (the key that signs CSRF tokens), made on first need.
CREATE TABLE oauth_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
