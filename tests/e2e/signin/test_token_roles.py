"""Groups with IAM roles put `cognito:roles` and `cognito:preferred_role` in the ID token, as
identity pools with "Choose role from token" and resource servers read them."""

import jwt

from signin_helpers import make_client, make_user, password_sign_in

ROLE = "arn:aws:iam::000000000000:role/"


def _id_claims(idp, pool, client, refresh=False) -> dict:
    result = password_sign_in(idp, client)["AuthenticationResult"]
    if refresh:
        result = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                   AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]}
                                   )["AuthenticationResult"]
    return (jwt.decode(result["IdToken"], options={"verify_signature": False}),
            jwt.decode(result["AccessToken"], options={"verify_signature": False}))


def _group(idp, pool, name, role=None, precedence=None):
    extra = {"RoleArn": ROLE + role} if role else {}
    if precedence is not None:
        extra["Precedence"] = precedence
    idp.create_group(UserPoolId=pool["Id"], GroupName=name, **extra)
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="alice", GroupName=name)


def test_roles_of_the_groups_and_the_preferred_one_by_precedence(idp, pool):
    client = make_client(idp, pool)
    make_user(idp, pool)
    _group(idp, pool, "readers", "reader", precedence=5)
    _group(idp, pool, "admins", "admin", precedence=1)
    _group(idp, pool, "no-role", precedence=0)
    _group(idp, pool, "unranked", "guest")
    for refresh in (False, True):
        id_claims, access_claims = _id_claims(idp, pool, client, refresh)
        assert id_claims["cognito:groups"] == ["no-role", "admins", "readers", "unranked"]
        assert id_claims["cognito:preferred_role"] == ROLE + "admin"
        assert sorted(id_claims["cognito:roles"]) == sorted(
            [ROLE + "admin", ROLE + "reader", ROLE + "guest"])
        assert "cognito:roles" not in access_claims
        assert access_claims["cognito:groups"] == id_claims["cognito:groups"]


def test_a_tie_on_precedence_with_different_roles_prefers_none(idp, pool):
    client = make_client(idp, pool)
    make_user(idp, pool)
    _group(idp, pool, "a", "role-a", precedence=2)
    _group(idp, pool, "b", "role-b", precedence=2)
    id_claims, _ = _id_claims(idp, pool, client)
    assert "cognito:preferred_role" not in id_claims
    assert sorted(id_claims["cognito:roles"]) == [ROLE + "role-a", ROLE + "role-b"]


def test_groups_without_roles_add_no_role_claims(idp, pool):
    client = make_client(idp, pool)
    make_user(idp, pool)
    _group(idp, pool, "plain", precedence=1)
    id_claims, _ = _id_claims(idp, pool, client)
    assert id_claims["cognito:groups"] == ["plain"]
    assert "cognito:roles" not in id_claims and "cognito:preferred_role" not in id_claims
