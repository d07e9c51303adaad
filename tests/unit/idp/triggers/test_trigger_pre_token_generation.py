"""Reading PreTokenGeneration answers into token changes (idp/triggers/pre_token_generation.py),
with the function replaced by a canned answer."""

import pytest
from users_fixtures import make_client, make_pool

from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.triggers import pre_token_generation


@pytest.fixture
def run(ctx, monkeypatch):
    """run(answer, version) -> (the ClaimChanges, the event the function was sent)."""

    def run(answer: dict, version: str = "V1_0"):
        pool = make_pool(ctx, LambdaConfig={"PreTokenGenerationConfig": {
            "LambdaVersion": version, "LambdaArn": "arn:aws:lambda:us-east-1:0:function:f"}})
        client = make_client(ctx, pool)
        user = users.new_user(ctx, pool, "pat", users.CONFIRMED, {"email": "p@example.com"})
        users.insert(ctx, pool, user, exists_message="exists")
        sent = []
        monkeypatch.setattr(pre_token_generation.invoke, "call",
                            lambda ctx, pool, trigger, event: sent.append(event) or answer)
        req = AuthRequest(ctx, pool, client, {}, False)
        return pre_token_generation.changes(req, user, ["staff"], "TokenGeneration_Authentication",
                                            ["openid", "email"]), sent[0]

    return run


def test_no_details_no_changes(run):
    assert run({})[0] is None
    assert run({"claimsOverrideDetails": None})[0] is None


def test_v1_suppression_wins_and_protected_claims_are_left_alone(run):
    changes, sent = run({"claimsOverrideDetails": {
        "claimsToAddOrOverride": {"a": 1, "iss": "evil", "email": "x"},
        "claimsToSuppress": ["email", "exp"]}})
    assert sent["version"] == "1" and "scopes" not in sent["request"]
    assert changes.id_claims == {"a": "1", "email": "x"}
    assert changes.id_suppressed == {"email"}
    assert changes.groups is None and changes.access_claims == {}


def test_an_empty_or_null_group_override_removes_the_groups(run):
    assert run({"claimsOverrideDetails": {"groupOverrideDetails": None}})[0].groups == ()
    assert run({"claimsOverrideDetails": {"groupOverrideDetails": {}}})[0].groups == ()


def test_v2_scopes_and_access_claims(run):
    changes, sent = run({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": {
        "claimsToAddOrOverride": {"scope": "admin", "client_id": "x", "tier": ["a"]},
        "scopesToAdd": ["orders/read", "openid"], "scopesToSuppress": ["email"]}}}, "V2_0")
    assert sent["version"] == "2" and sent["request"]["scopes"] == ["openid", "email"]
    assert changes.access_claims == {"tier": ["a"]}
    assert changes.scopes == ("openid", "orders/read")


def test_v2_without_a_scope_change_keeps_the_scopes(run):
    changes, _ = run({"claimsAndScopeOverrideDetails": {"idTokenGeneration": {
        "claimsToAddOrOverride": {"n": {"deep": True}}}}}, "V3_0")
    assert changes.scopes is None
    assert changes.id_claims == {"n": {"deep": True}}
