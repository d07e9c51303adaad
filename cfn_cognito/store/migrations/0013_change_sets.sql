-- CloudFormation change sets: one JSON document each (what was asked, the template and the
-- parameter values it would deploy, the changes it would make), unique by name in a stack.
CREATE TABLE change_sets (seq INTEGER PRIMARY KEY, change_set_id TEXT NOT NULL UNIQUE, stack_id TEXT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL);
CREATE UNIQUE INDEX change_sets_stack_name ON change_sets(stack_id, name);
