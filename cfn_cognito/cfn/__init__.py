"""The CloudFormation engine: templates deployed as stacks into the local service.

loader (YAML/JSON, short-form tags, positions) → validate (cfn-lint and our own checks) →
parameters, conditions, intrinsics → graph (dependency order) → engine (create, update,
delete, rollback through one provider per resource type in `providers/`) → stacks (the
service functions the HTTP adapter and the CLI use).
"""
