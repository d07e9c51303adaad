-- Identity pools (cognito-identity), each stored whole: the IdentityPool shape the API returns
-- plus the pool's roles, role mappings and principal tag maps.
CREATE TABLE identity_pools (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));

-- Identities of the identity pools. An identity with no login is unauthenticated; `disabled`
-- is set when its last login was unlinked (it can get no credentials any more).
CREATE TABLE identities (
    seq INTEGER PRIMARY KEY,
    identity_id TEXT NOT NULL UNIQUE,
    pool_id TEXT NOT NULL,
    created REAL NOT NULL,
    modified REAL NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX identities_pool ON identities(pool_id, seq);

-- The logins linked to identities: a user of a user pool (provider
-- `cognito-idp.<region>.amazonaws.com/<poolId>`, subject = the user's sub) or a developer user
-- (provider = the pool's DeveloperProviderName, subject = the DeveloperUserIdentifier).
-- The primary key is what makes one login belong to one identity only.
CREATE TABLE identity_logins (
    pool_id TEXT NOT NULL,
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    identity_id TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (pool_id, provider, subject)
) WITHOUT ROWID;
CREATE INDEX identity_logins_identity ON identity_logins(identity_id);

-- Temporary AWS credentials given by GetCredentialsForIdentity, by access key id. The secret
-- key is kept (SigV4 verification needs it); the session token only as its SHA-256.
CREATE TABLE identity_credentials (
    access_key_id TEXT PRIMARY KEY,
    secret_key TEXT NOT NULL,
    session_token_hash TEXT NOT NULL,
    identity_id TEXT NOT NULL,
    pool_id TEXT NOT NULL,
    role_arn TEXT NOT NULL,
    authenticated INTEGER NOT NULL,
    provider TEXT NOT NULL,
    created REAL NOT NULL,
    expires REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX identity_credentials_identity ON identity_credentials(identity_id);
CREATE INDEX identity_credentials_pool ON identity_credentials(pool_id);
CREATE INDEX identity_credentials_expires ON identity_credentials(expires);

-- The service's key signing GetOpenIdToken tokens: made on first need, kept for good.
CREATE TABLE identity_signing_keys (
    kid TEXT PRIMARY KEY,
    private_pem TEXT NOT NULL,
    created REAL NOT NULL
) WITHOUT ROWID;
