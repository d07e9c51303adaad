"""Identity pools through boto3's cognito-identity client: create, describe, list, update,
delete, tags, roles and role mappings, principal tag maps."""

import re

import pytest
import requests

from identity_helpers import (  # noqa: F401
    AUTH_ROLE,
    ROLE,
    UNAUTH_ROLE,
    error_of,
    identity,
    make_identity_pool,
)

POOL_ID = re.compile(r"us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdE1234"


def _without_metadata(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "ResponseMetadata"}


def test_create_and_describe_an_identity_pool(identity, make_identity_pool):
    created = make_identity_pool(
        IdentityPoolName="MyIdentityPool", AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[{"ProviderName": USER_POOL, "ClientId": "3n4b5urk1ft4fl3mg5e62d9ado"}],
        SupportedLoginProviders={"graph.facebook.com": "7346241598935552"},
        DeveloperProviderName="login.myapp", IdentityPoolTags={"team": "blue"})
    assert POOL_ID.fullmatch(created["IdentityPoolId"])
    described = identity.describe_identity_pool(IdentityPoolId=created["IdentityPoolId"])
    assert _without_metadata(described) == _without_metadata(created) == {
        "IdentityPoolId": created["IdentityPoolId"], "IdentityPoolName": "MyIdentityPool",
        "AllowUnauthenticatedIdentities": False, "AllowClassicFlow": False,
        "SupportedLoginProviders": {"graph.facebook.com": "7346241598935552"},
        "DeveloperProviderName": "login.myapp",
        "CognitoIdentityProviders": [{"ProviderName": USER_POOL,
                                      "ClientId": "3n4b5urk1ft4fl3mg5e62d9ado",
                                      "ServerSideTokenCheck": False}],
        "IdentityPoolTags": {"team": "blue"}}


def test_an_unknown_identity_pool_is_not_found(identity):
    missing = "us-east-1:00000000-0000-4000-8000-000000000000"
    for call in (identity.describe_identity_pool, identity.delete_identity_pool,
                 identity.get_identity_pool_roles):
        assert error_of(call, IdentityPoolId=missing) == (
            "ResourceNotFoundException", f"IdentityPool '{missing}' not found.")


def test_a_malformed_pool_id_is_an_invalid_parameter(identity):
    code, message = error_of(identity.describe_identity_pool, IdentityPoolId="not a pool")
    assert code == "InvalidParameterException"
    assert message == ("1 validation error detected: Value 'not a pool' at 'identityPoolId' "
                       "failed to satisfy constraint: Member must satisfy regular expression "
                       "pattern: [\\w-]+:[0-9a-f-]+")


def test_a_provider_that_is_not_a_user_pool_is_refused(identity):
    code, message = error_of(identity.create_identity_pool, IdentityPoolName="p",
                             AllowUnauthenticatedIdentities=True,
                             CognitoIdentityProviders=[{"ProviderName": "example.com/x",
                                                        "ClientId": "abc"}])
    assert code == "InvalidParameterException"
    assert "example.com/x" in message


def test_update_replaces_the_configuration_and_keeps_tags(identity, make_identity_pool):
    pool = make_identity_pool(AllowUnauthenticatedIdentities=True,
                              SupportedLoginProviders={"accounts.google.com": "abc"},
                              IdentityPoolTags={"env": "dev"})
    updated = identity.update_identity_pool(
        IdentityPoolId=pool["IdentityPoolId"], IdentityPoolName="Renamed",
        AllowUnauthenticatedIdentities=False, AllowClassicFlow=True,
        CognitoIdentityProviders=[{"ProviderName": USER_POOL, "ClientId": "client1"}])
    described = identity.describe_identity_pool(IdentityPoolId=pool["IdentityPoolId"])
    assert _without_metadata(updated) == _without_metadata(described)
    assert described["IdentityPoolName"] == "Renamed"
    assert described["AllowUnauthenticatedIdentities"] is False
    assert described["AllowClassicFlow"] is True
    assert "SupportedLoginProviders" not in described
    assert described["IdentityPoolTags"] == {"env": "dev"}


def test_a_developer_provider_name_cannot_change(identity, make_identity_pool):
    pool = make_identity_pool(DeveloperProviderName="login.first")
    code, _ = error_of(identity.update_identity_pool, IdentityPoolId=pool["IdentityPoolId"],
                       IdentityPoolName="p", AllowUnauthenticatedIdentities=False,
                       DeveloperProviderName="login.second")
    assert code == "InvalidParameterException"
    # Left out of an update, it stays.
    kept = identity.update_identity_pool(IdentityPoolId=pool["IdentityPoolId"],
                                         IdentityPoolName="p", AllowUnauthenticatedIdentities=False)
    assert kept["DeveloperProviderName"] == "login.first"


def test_list_identity_pools_pages_through_every_pool(identity, make_identity_pool):
    mine = {make_identity_pool(IdentityPoolName=f"paged_{i}")["IdentityPoolId"] for i in range(5)}
    seen, token, pages = [], None, 0
    while True:
        page = identity.list_identity_pools(MaxResults=2, **({"NextToken": token} if token else {}))
        assert len(page["IdentityPools"]) <= 2
        seen += [p["IdentityPoolId"] for p in page["IdentityPools"]]
        pages += 1
        token = page.get("NextToken")
        if not token:
            break
    assert mine <= set(seen)
    assert len(seen) == len(set(seen))
    assert pages >= 3


def test_a_deleted_pool_is_gone(identity, make_identity_pool):
    pool = make_identity_pool()
    identity.delete_identity_pool(IdentityPoolId=pool["IdentityPoolId"])
    code, _ = error_of(identity.describe_identity_pool, IdentityPoolId=pool["IdentityPoolId"])
    assert code == "ResourceNotFoundException"


def test_tags_are_the_pools_tags(identity, make_identity_pool):
    pool = make_identity_pool(IdentityPoolTags={"a": "1"})
    arn = f"arn:aws:cognito-identity:us-east-1:000000000000:identitypool/{pool['IdentityPoolId']}"
    identity.tag_resource(ResourceArn=arn, Tags={"b": "2", "c": "3"})
    identity.untag_resource(ResourceArn=arn, TagKeys=["a"])
    assert identity.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"b": "2", "c": "3"}
    described = identity.describe_identity_pool(IdentityPoolId=pool["IdentityPoolId"])
    assert described["IdentityPoolTags"] == {"b": "2", "c": "3"}
    code, _ = error_of(identity.list_tags_for_resource,
                       ResourceArn=arn.replace(pool["IdentityPoolId"][-4:], "ffff"))
    assert code == "ResourceNotFoundException"


def test_roles_and_role_mappings_round_trip(identity, make_identity_pool):
    pool = make_identity_pool(CognitoIdentityProviders=[{"ProviderName": USER_POOL,
                                                         "ClientId": "client1"}])
    mappings = {f"{USER_POOL}:client1": {
        "Type": "Rules", "AmbiguousRoleResolution": "Deny",
        "RulesConfiguration": {"Rules": [{"Claim": "cognito:groups", "MatchType": "Contains",
                                          "Value": "admins", "RoleARN": ROLE + "admins"}]}}}
    identity.set_identity_pool_roles(IdentityPoolId=pool["IdentityPoolId"],
                                     Roles={"authenticated": AUTH_ROLE,
                                            "unauthenticated": UNAUTH_ROLE},
                                     RoleMappings=mappings)
    got = identity.get_identity_pool_roles(IdentityPoolId=pool["IdentityPoolId"])
    assert got["Roles"] == {"authenticated": AUTH_ROLE, "unauthenticated": UNAUTH_ROLE}
    assert got["RoleMappings"] == mappings


@pytest.mark.parametrize("key,mapping,fragment", [
    ("cognito-idp.us-east-1.amazonaws.com/us-east-1_Other:client1",
     {"Type": "Token", "AmbiguousRoleResolution": "Deny"},
     "is not a valid RoleMapping ProviderName or is not a configured provider."),
    (f"{USER_POOL}:client1", {"Type": "Token"}, "AmbiguousRoleResolution"),
    (f"{USER_POOL}:client1", {"Type": "Rules", "AmbiguousRoleResolution": "Deny"},
     "RulesConfiguration"),
])
def test_a_role_mapping_must_name_a_configured_provider_and_be_complete(
        identity, make_identity_pool, key, mapping, fragment):
    pool = make_identity_pool(CognitoIdentityProviders=[{"ProviderName": USER_POOL,
                                                         "ClientId": "client1"}])
    code, message = error_of(identity.set_identity_pool_roles,
                             IdentityPoolId=pool["IdentityPoolId"], Roles={},
                             RoleMappings={key: mapping})
    assert code == "InvalidParameterException"
    assert fragment in message


def test_principal_tag_maps(identity, make_identity_pool):
    pool = make_identity_pool(CognitoIdentityProviders=[{"ProviderName": USER_POOL,
                                                         "ClientId": "client1"}])
    answer = identity.set_principal_tag_attribute_map(
        IdentityPoolId=pool["IdentityPoolId"], IdentityProviderName=USER_POOL,
        UseDefaults=False, PrincipalTags={"department": "custom:dept"})
    got = identity.get_principal_tag_attribute_map(IdentityPoolId=pool["IdentityPoolId"],
                                                   IdentityProviderName=USER_POOL)
    assert _without_metadata(answer) == _without_metadata(got) == {
        "IdentityPoolId": pool["IdentityPoolId"], "IdentityProviderName": USER_POOL,
        "UseDefaults": False, "PrincipalTags": {"department": "custom:dept"}}
    defaults = identity.set_principal_tag_attribute_map(
        IdentityPoolId=pool["IdentityPoolId"], IdentityProviderName=USER_POOL, UseDefaults=True)
    assert defaults["PrincipalTags"] == {"username": "sub", "client": "aud"}
    code, _ = error_of(identity.get_principal_tag_attribute_map,
                       IdentityPoolId=pool["IdentityPoolId"],
                       IdentityProviderName="accounts.google.com")
    assert code == "InvalidParameterException"


def test_the_fully_qualified_target_is_understood(cognito_url, make_identity_pool):
    pool = make_identity_pool()
    r = requests.post(cognito_url, json={"IdentityPoolId": pool["IdentityPoolId"]}, headers={
        "X-Amz-Target": "com.amazonaws.cognito.identity.model.AWSCognitoIdentityService."
                        "DescribeIdentityPool",
        "Content-Type": "application/x-amz-json-1.1"}, timeout=10)
    assert r.status_code == 200
    assert r.json()["IdentityPoolId"] == pool["IdentityPoolId"]
