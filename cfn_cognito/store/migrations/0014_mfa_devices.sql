-- A pool's MFA settings as SetUserPoolMfaConfig takes them (key ''); the pool document keeps
-- only MfaConfiguration (OFF/ON/OPTIONAL), which DescribeUserPool shows.
CREATE TABLE mfa_configs (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));

-- Devices a user signed in from, with the pool's device tracking on. `doc` holds the device's
-- SRP salt and verifier (from ConfirmDevice), its attributes and status.
CREATE TABLE devices (
    pool_id TEXT NOT NULL,
    sub TEXT NOT NULL,
    device_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (pool_id, device_key)
);
CREATE INDEX devices_user ON devices(pool_id, sub, seq);
