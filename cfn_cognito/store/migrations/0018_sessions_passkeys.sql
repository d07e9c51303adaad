-- Sessions of the user session API, while their pool tracks sessions. A token session
-- (session_id tkn...) is one authentication that issued a refresh token: `origin_jti` ties
-- it to every token of that authentication (revoking it revokes the origin, store/tokens.py),
-- `origin_session` names the SSO session it came through ('' for the API). An SSO session
-- (sso...) is a hosted UI sign-in: `origin_jti` is 'sso:' and its hosted_sessions id_hash.
CREATE TABLE user_sessions (
    pool_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    origin_jti TEXT NOT NULL,
    sub TEXT NOT NULL,
    client_id TEXT NOT NULL,
    created REAL NOT NULL,
    last_active REAL NOT NULL,
    expires REAL NOT NULL,
    last_ip TEXT NOT NULL DEFAULT '',
    origin_session TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (pool_id, session_id)
) WITHOUT ROWID;
CREATE INDEX user_sessions_user ON user_sessions(pool_id, sub);
CREATE INDEX user_sessions_origin ON user_sessions(pool_id, origin_jti);

-- Session configurations as their AWS shapes (store/documents.py): key '' for the pool's
-- (SetUserPoolSessionConfiguration), a client id for a client's.
CREATE TABLE session_configurations (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));

-- Passkeys (WebAuthn credentials) of users. `credential_id` is base64url; `public_key` the
-- COSE key as base64url; `sign_count` the authenticator's counter last seen.
CREATE TABLE webauthn_credentials (
    pool_id TEXT NOT NULL,
    credential_id TEXT NOT NULL,
    sub TEXT NOT NULL,
    seq INTEGER NOT NULL,
    public_key TEXT NOT NULL,
    sign_count INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (pool_id, credential_id)
) WITHOUT ROWID;
CREATE INDEX webauthn_credentials_user ON webauthn_credentials(pool_id, sub, seq);

-- The SSO session an authorization code was issued in (NULL when untracked), passed on to
-- the token session its tokens open.
ALTER TABLE oauth_codes ADD COLUMN sso_session TEXT;
