-- The local SSM Parameter Store (cfn_cognito/ssm/): one document per parameter (key: its
-- name, scope ''), holding its type, metadata and last 100 versions.
CREATE TABLE ssm_parameters (seq INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE(scope, key));
