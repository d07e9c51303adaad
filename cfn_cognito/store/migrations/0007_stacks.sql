-- CloudFormation stacks. A stack is one JSON document (template, parameters, resources with
-- physical ids and attributes, outputs, status); a deleted stack stays, with DELETE_COMPLETE,
-- until a new stack takes its name. Events are append-only; exports are unique by name.
CREATE TABLE stacks (seq INTEGER PRIMARY KEY, stack_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, status TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX stacks_name ON stacks(name, seq);
CREATE TABLE stack_events (seq INTEGER PRIMARY KEY, stack_id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX stack_events_stack ON stack_events(stack_id, seq);
CREATE TABLE stack_exports (name TEXT PRIMARY KEY, stack_id TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE stack_imports (stack_id TEXT NOT NULL, export_name TEXT NOT NULL, PRIMARY KEY (stack_id, export_name));
CREATE INDEX stack_imports_export ON stack_imports(export_name);
