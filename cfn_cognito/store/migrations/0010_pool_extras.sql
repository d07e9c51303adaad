-- Pool settings stored and returned as their AWS shapes (see store/documents.py): identity
-- providers (key: provider name), classic hosted UI customizations (key: client id or ALL),
-- risk configurations (key: client id, '' for the pool), log delivery (key: ''), managed
-- login branding styles (key: branding id), terms documents (key: terms id), the secrets of
-- app clients (key: client id), and the pool's SAML certificates (key: signing/encryption).
CREATE TABLE identity_providers (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE TABLE ui_customizations (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE TABLE risk_configurations (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE TABLE log_delivery_configurations (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE TABLE managed_login_brandings (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE TABLE terms (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE TABLE client_secrets (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE TABLE saml_certificates (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));

-- User import jobs. `doc` is the UserImportJobType plus private fields (upload token hash,
-- rows done, heartbeat of the worker); `csv` is the uploaded file, NULL until uploaded.
CREATE TABLE user_import_jobs (
    seq INTEGER PRIMARY KEY,
    pool_id TEXT NOT NULL,
    job_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    doc TEXT NOT NULL,
    csv BLOB
);
CREATE INDEX user_import_jobs_pool ON user_import_jobs(pool_id, seq);
CREATE INDEX user_import_jobs_status ON user_import_jobs(status);

-- Sign-in events of users (threat protection's user activity), newest listed first.
-- `feedback_hash` is the SHA-256 of the event's feedback token (the token is never stored).
CREATE TABLE auth_events (
    pool_id TEXT NOT NULL,
    sub TEXT NOT NULL,
    event_id TEXT NOT NULL,
    created REAL NOT NULL,
    feedback_hash TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (pool_id, event_id)
) WITHOUT ROWID;
CREATE INDEX auth_events_user ON auth_events(pool_id, sub, created);

-- External IdP identities linked to users (AdminLinkProviderForUser): one identity
-- (provider, attribute, value) links to at most one user.
CREATE TABLE provider_links (
    pool_id TEXT NOT NULL,
    provider_name TEXT NOT NULL,
    attribute_name TEXT NOT NULL,
    attribute_value TEXT NOT NULL,
    sub TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (pool_id, provider_name, attribute_name, attribute_value)
) WITHOUT ROWID;
CREATE INDEX provider_links_user ON provider_links(pool_id, sub);
