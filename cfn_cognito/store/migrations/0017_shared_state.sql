-- What several instances on one database share besides the tables before this one.
-- Function code (the zip of each revision), so an instance with its own data directory, on
-- another host, runs a function another instance deployed: each instance unpacks a revision
-- into its data directory on first use (a cache: a revision's code never changes).
CREATE TABLE function_code (revision TEXT PRIMARY KEY, name TEXT NOT NULL, zip BLOB NOT NULL);
CREATE INDEX function_code_name ON function_code(name);
-- The instance working on a stack in progress (`owner`: host, process id and a random id of
-- that instance) and when it last said it was alive (`heartbeat`, epoch seconds): a stack in
-- progress whose owner is dead is settled by another instance, not only at the next start.
ALTER TABLE stacks ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE stacks ADD COLUMN heartbeat REAL NOT NULL DEFAULT 0;
