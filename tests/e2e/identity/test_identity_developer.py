"""Developer authenticated identities and the identities of a pool: a backend's
GetOpenIdTokenForDeveloperIdentity, the app's sign-in with that token, lookups, merges and
unlinks; ListIdentities paging, DescribeIdentity, DeleteIdentities, UnlinkIdentity."""

import pytest

from identity_helpers import (  # noqa: F401
    AUTH_ROLE,
    UNAUTH_ROLE,
    claims,
    error_of,
    identity,
    make_identity_pool,
    sign_in,
)

DEVELOPER = "login.myapp.example"
ROLES = {"authenticated": AUTH_ROLE, "unauthenticated": UNAUTH_ROLE}


@pytest.fixture
def dev_pool(make_identity_pool):
    return make_identity_pool(roles=ROLES, DeveloperProviderName=DEVELOPER)


def _developer_token(identity, pool, user, **extra) -> dict:
    return identity.get_open_id_token_for_developer_identity(
        IdentityPoolId=pool["IdentityPoolId"], Logins={DEVELOPER: user}, **extra)


def test_a_developer_identity_signs_in_with_its_token(identity, dev_pool):
    answer = _developer_token(identity, dev_pool, "user-1", TokenDuration=3600,
                              PrincipalTags={"plan": "gold"})
    token = claims(answer["Token"])
    assert token["sub"] == answer["IdentityId"]
    assert token["aud"] == dev_pool["IdentityPoolId"]
    assert token["amr"] == ["authenticated", DEVELOPER,
                            f"{DEVELOPER}:{dev_pool['IdentityPoolId']}:user-1"]
    assert token["exp"] - token["iat"] == 3600
    assert token["https://aws.amazon.com/tags"] == {"principal_tags": {"plan": ["gold"]}}
    # The same developer user is the same identity.
    assert _developer_token(identity, dev_pool, "user-1")["IdentityId"] == answer["IdentityId"]
    creds = identity.get_credentials_for_identity(
        IdentityId=answer["IdentityId"], Logins={"cognito-identity.amazonaws.com": answer["Token"]})
    assert creds["Credentials"]["AccessKeyId"].startswith("ASIA")
    assert identity.describe_identity(IdentityId=answer["IdentityId"])["Logins"] == [DEVELOPER]


def test_a_developer_token_is_for_its_identity_only(identity, dev_pool):
    one = _developer_token(identity, dev_pool, "user-1")
    two = _developer_token(identity, dev_pool, "user-2")
    code, _ = error_of(identity.get_credentials_for_identity, IdentityId=two["IdentityId"],
                       Logins={"cognito-identity.amazonaws.com": one["Token"]})
    assert code == "NotAuthorizedException"


def test_a_developer_user_cannot_move_to_another_identity(identity, dev_pool):
    one = _developer_token(identity, dev_pool, "user-1")
    two = _developer_token(identity, dev_pool, "user-2")
    code, _ = error_of(identity.get_open_id_token_for_developer_identity,
                       IdentityPoolId=dev_pool["IdentityPoolId"], Logins={DEVELOPER: "user-1"},
                       IdentityId=two["IdentityId"])
    assert code == "DeveloperUserAlreadyRegisteredException"
    # A new developer user may join an existing identity.
    joined = _developer_token(identity, dev_pool, "user-1b", IdentityId=one["IdentityId"])
    assert joined["IdentityId"] == one["IdentityId"]


def test_a_pool_without_developer_provider_refuses(identity, make_identity_pool):
    pool = make_identity_pool(roles=ROLES)
    code, _ = error_of(identity.get_open_id_token_for_developer_identity,
                       IdentityPoolId=pool["IdentityPoolId"], Logins={DEVELOPER: "user-1"})
    assert code == "NotAuthorizedException"


def test_lookup_developer_identity_both_ways(identity, dev_pool):
    identity_id = _developer_token(identity, dev_pool, "user-1")["IdentityId"]
    for extra in ("a", "b", "c"):
        _developer_token(identity, dev_pool, f"user-1{extra}", IdentityId=identity_id)
    by_user = identity.lookup_developer_identity(IdentityPoolId=dev_pool["IdentityPoolId"],
                                                 DeveloperUserIdentifier="user-1b")
    assert by_user["IdentityId"] == identity_id
    seen, token = [], None
    while True:
        page = identity.lookup_developer_identity(
            IdentityPoolId=dev_pool["IdentityPoolId"], IdentityId=identity_id, MaxResults=3,
            **({"NextToken": token} if token else {}))
        seen += page["DeveloperUserIdentifierList"]
        token = page.get("NextToken")
        if not token:
            break
    assert seen == ["user-1", "user-1a", "user-1b", "user-1c"]
    code, _ = error_of(identity.lookup_developer_identity,
                       IdentityPoolId=dev_pool["IdentityPoolId"], DeveloperUserIdentifier="nobody")
    assert code == "ResourceNotFoundException"
    code, _ = error_of(identity.lookup_developer_identity, IdentityPoolId=dev_pool["IdentityPoolId"])
    assert code == "InvalidParameterException"


def test_merge_developer_identities(identity, dev_pool):
    source = _developer_token(identity, dev_pool, "phone-user")["IdentityId"]
    destination = _developer_token(identity, dev_pool, "web-user")["IdentityId"]
    merged = identity.merge_developer_identities(
        SourceUserIdentifier="phone-user", DestinationUserIdentifier="web-user",
        DeveloperProviderName=DEVELOPER, IdentityPoolId=dev_pool["IdentityPoolId"])
    assert merged["IdentityId"] == destination
    assert _developer_token(identity, dev_pool, "phone-user")["IdentityId"] == destination
    code, _ = error_of(identity.describe_identity, IdentityId=source)
    assert code == "ResourceNotFoundException"


def test_unlink_developer_identity(identity, dev_pool):
    answer = _developer_token(identity, dev_pool, "user-1")
    identity.unlink_developer_identity(IdentityId=answer["IdentityId"],
                                       IdentityPoolId=dev_pool["IdentityPoolId"],
                                       DeveloperProviderName=DEVELOPER,
                                       DeveloperUserIdentifier="user-1")
    # The identity has no login left: it is disabled; the user is new next time.
    code, message = error_of(identity.get_credentials_for_identity, IdentityId=answer["IdentityId"],
                             Logins={"cognito-identity.amazonaws.com": answer["Token"]})
    assert (code, message) == ("NotAuthorizedException",
                               f"Access to Identity '{answer['IdentityId']}' is forbidden.")
    assert _developer_token(identity, dev_pool, "user-1")["IdentityId"] != answer["IdentityId"]
    listed = identity.list_identities(IdentityPoolId=dev_pool["IdentityPoolId"], MaxResults=60,
                                      HideDisabled=True)
    assert answer["IdentityId"] not in [i["IdentityId"] for i in listed["Identities"]]


def test_list_identities_pages(identity, make_identity_pool):
    pool = make_identity_pool(roles=ROLES, AllowUnauthenticatedIdentities=True)
    made = [identity.get_id(IdentityPoolId=pool["IdentityPoolId"])["IdentityId"] for _ in range(7)]
    seen, token, pages = [], None, 0
    while True:
        page = identity.list_identities(IdentityPoolId=pool["IdentityPoolId"], MaxResults=3,
                                        **({"NextToken": token} if token else {}))
        assert page["IdentityPoolId"] == pool["IdentityPoolId"]
        assert len(page["Identities"]) <= 3
        seen += page["Identities"]
        pages += 1
        token = page.get("NextToken")
        if not token:
            break
    assert [i["IdentityId"] for i in seen] == made
    assert pages == 3
    assert all(i["Logins"] == [] and i["CreationDate"] for i in seen)


def test_delete_identities(identity, make_identity_pool):
    pool = make_identity_pool(roles=ROLES, AllowUnauthenticatedIdentities=True)
    doomed = identity.get_id(IdentityPoolId=pool["IdentityPoolId"])["IdentityId"]
    kept = identity.get_id(IdentityPoolId=pool["IdentityPoolId"])["IdentityId"]
    answer = identity.delete_identities(IdentityIdsToDelete=[doomed])
    assert answer["UnprocessedIdentityIds"] == []
    listed = identity.list_identities(IdentityPoolId=pool["IdentityPoolId"], MaxResults=10)
    assert [i["IdentityId"] for i in listed["Identities"]] == [kept]
    assert error_of(identity.describe_identity, IdentityId=doomed) == (
        "ResourceNotFoundException", f"Identity '{doomed}' not found.")


def test_unlink_identity_removes_a_login(identity, make_identity_pool, sign_in):
    user = sign_in("jane")
    pool = make_identity_pool(roles=ROLES, CognitoIdentityProviders=[user.cognito_provider()])
    identity_id = identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                                  Logins=user.logins)["IdentityId"]
    identity.unlink_identity(IdentityId=identity_id, Logins=user.logins,
                             LoginsToRemove=[user.provider])
    assert identity.describe_identity(IdentityId=identity_id)["Logins"] == []
    # Unlinked logins are new identities next time they are seen.
    assert identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                           Logins=user.logins)["IdentityId"] != identity_id


def test_deleting_the_pool_deletes_its_identities(identity, make_identity_pool):
    pool = make_identity_pool(roles=ROLES, AllowUnauthenticatedIdentities=True)
    identity_id = identity.get_id(IdentityPoolId=pool["IdentityPoolId"])["IdentityId"]
    identity.delete_identity_pool(IdentityPoolId=pool["IdentityPoolId"])
    code, _ = error_of(identity.describe_identity, IdentityId=identity_id)
    assert code == "ResourceNotFoundException"
