-- Signing keys: two RSA keys per pool (one signs ID tokens, the other access tokens), created
-- on first need and kept for the pool's life so tokens verify across restarts.
CREATE TABLE signing_keys (
    pool_id TEXT NOT NULL,
    use TEXT NOT NULL,
    kid TEXT NOT NULL,
    private_pem TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (pool_id, use)
) WITHOUT ROWID;

-- Refresh tokens, by the SHA-256 of the token (the token itself is never stored).
-- `grace_until` is set when rotation replaced the token: it works until then, never after.
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    sub TEXT NOT NULL,
    username TEXT NOT NULL,
    origin_jti TEXT NOT NULL,
    event_id TEXT NOT NULL,
    auth_time INTEGER NOT NULL,
    created REAL NOT NULL,
    expires REAL NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    grace_until REAL
) WITHOUT ROWID;
CREATE INDEX refresh_tokens_user ON refresh_tokens(pool_id, sub);
CREATE INDEX refresh_tokens_origin ON refresh_tokens(pool_id, origin_jti);

-- Authentications whose tokens were revoked (RevokeToken, sign-out): every access token
-- carrying one of these origin_jti values is refused.
CREATE TABLE revoked_origins (
    pool_id TEXT NOT NULL,
    origin_jti TEXT NOT NULL,
    revoked_at REAL NOT NULL,
    PRIMARY KEY (pool_id, origin_jti)
) WITHOUT ROWID;

-- Global sign-out: a user's tokens issued (iat) before `valid_after` are refused.
CREATE TABLE token_cutoffs (
    pool_id TEXT NOT NULL,
    sub TEXT NOT NULL,
    valid_after INTEGER NOT NULL,
    PRIMARY KEY (pool_id, sub)
) WITHOUT ROWID;
