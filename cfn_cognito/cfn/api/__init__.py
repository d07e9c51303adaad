"""CloudFormation's own API over the stacks of cfn/stacks.py (one engine, two front doors:
this and `cfn-cognito deploy`). The query protocol (aws/query_protocol.py) calls the
functions of operations.py by name; each takes the request as botocore's model shapes it
and answers in the shape of the operation's output."""
