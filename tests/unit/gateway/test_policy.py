"""A Lambda authorizer's IAM policy evaluated against a method ARN."""

from cfn_cognito.gateway.authorizers.policy import ALLOW, DENY, evaluate

ARN = "arn:aws:execute-api:us-east-1:000000000000:abc123/dev/GET/pets/7"


def statement(effect, resource, action="execute-api:Invoke"):
    return {"Effect": effect, "Action": action, "Resource": resource}


def test_allow_deny_and_implicit_deny():
    assert evaluate({"Statement": [statement("Allow", ARN)]}, ARN) == ALLOW
    assert evaluate({"Statement": statement("Allow", "arn:aws:execute-api:*:*:abc123/*")},
                    ARN) == ALLOW
    assert evaluate({"Statement": [statement("Allow", "*/GET/pets/?")]}, ARN) == ALLOW
    assert evaluate({"Statement": [statement("Allow", "*/GET/pets/??")]}, ARN) is None
    assert evaluate({"Statement": [statement("Allow", ARN.replace("GET", "POST"))]}, ARN) is None
    both = {"Statement": [statement("Allow", "*"), statement("Deny", [ARN])]}
    assert evaluate(both, ARN) == DENY
    assert evaluate({"Statement": [statement("Allow", "*", "s3:*")]}, ARN) is None
    assert evaluate({"Statement": [statement("Allow", "*", ["execute-api:*"])]}, ARN) == ALLOW
