-- Pools and the resources that live inside a pool, each stored whole as its AWS shape.
CREATE TABLE pools (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE INDEX pools_key ON pools(key);
CREATE TABLE clients (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE INDEX clients_key ON clients(key);
CREATE TABLE domains (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE UNIQUE INDEX domains_key ON domains(key);
CREATE TABLE groups (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
CREATE TABLE resource_servers (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
