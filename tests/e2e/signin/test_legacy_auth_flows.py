"""Clients with the legacy ExplicitAuthFlows values (ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH,
CUSTOM_AUTH_FLOW_ONLY) keep SRP and refresh, as clients did before AWS added the ALLOW_
switches; CUSTOM_AUTH_FLOW_ONLY allows no stand-alone SRP. REFRESH_TOKEN is the legacy name
of REFRESH_TOKEN_AUTH. The rule and its sources: cfn_cognito/idp/clients.py."""

import json

import pytest
from aws_wire import aws_cli
from user_helpers import PASSWORD, error_of, make_client

# Any A with A mod N != 0 starts USER_SRP_AUTH; the PASSWORD_VERIFIER challenge is enough
# to show that the flow is enabled.
SRP_A = format(pow(2, 12345, 2**3072 - 1), "x")


def _user(idp, pool, username="leo"):
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=PASSWORD,
                                Permanent=True)


def _srp(idp, client, username="leo"):
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH",
                             AuthParameters={"USERNAME": username, "SRP_A": SRP_A})


@pytest.mark.parametrize("legacy_name", ["REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"])
def test_admin_no_srp_auth_client_refreshes_and_does_srp(idp, pool, legacy_name):
    client = make_client(idp, pool, ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH"])
    _user(idp, pool)
    tokens = idp.admin_initiate_auth(
        UserPoolId=pool["Id"], ClientId=client["ClientId"], AuthFlow="ADMIN_NO_SRP_AUTH",
        AuthParameters={"USERNAME": "leo", "PASSWORD": PASSWORD})["AuthenticationResult"]
    refreshed = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow=legacy_name,
                                  AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
    assert refreshed["AuthenticationResult"]["AccessToken"]
    assert _srp(idp, client)["ChallengeName"] == "PASSWORD_VERIFIER"
    # Still nothing the client did not name: no public password flow.
    assert error_of(idp.initiate_auth, ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                    AuthParameters={"USERNAME": "leo", "PASSWORD": PASSWORD}) == (
        "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client")


def test_user_password_auth_client_does_srp_and_describe_echoes_the_legacy_value(idp, pool):
    client = make_client(idp, pool, ExplicitAuthFlows=["USER_PASSWORD_AUTH"])
    _user(idp, pool)
    assert _srp(idp, client)["ChallengeName"] == "PASSWORD_VERIFIER"
    tokens = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "leo", "PASSWORD": PASSWORD})
    idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN",
                      AuthParameters={"REFRESH_TOKEN": tokens["AuthenticationResult"]["RefreshToken"]})
    assert error_of(idp.admin_initiate_auth, UserPoolId=pool["Id"], ClientId=client["ClientId"],
                    AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                    AuthParameters={"USERNAME": "leo", "PASSWORD": PASSWORD}) == (
        "InvalidParameterException", "Auth flow not enabled for this client")
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"]["ExplicitAuthFlows"] == ["USER_PASSWORD_AUTH"]


def test_custom_auth_flow_only_allows_no_stand_alone_srp(idp, pool):
    client = make_client(idp, pool, ExplicitAuthFlows=["CUSTOM_AUTH_FLOW_ONLY"])
    _user(idp, pool)
    assert error_of(_srp, idp=idp, client=client) == (
        "InvalidParameterException", "Auth flow not enabled for this client")
    # CUSTOM_AUTH itself is allowed: without triggers it fails for that reason, not the client's.
    assert error_of(idp.initiate_auth, ClientId=client["ClientId"], AuthFlow="CUSTOM_AUTH",
                    AuthParameters={"USERNAME": "leo"}) == (
        "InvalidParameterException",
        "Custom auth lambda trigger is not configured for the user pool.")


def test_an_allow_client_without_srp_still_refuses_it(idp, pool):
    client = make_client(idp, pool, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                       "ALLOW_REFRESH_TOKEN_AUTH"])
    _user(idp, pool)
    assert error_of(_srp, idp=idp, client=client)[0] == "InvalidParameterException"


def test_legacy_client_with_the_aws_cli(idp, pool, cognito_url):
    client = aws_cli(cognito_url, "create-user-pool-client", "--user-pool-id", pool["Id"],
                     "--client-name", "legacy", "--explicit-auth-flows",
                     "ADMIN_NO_SRP_AUTH")["UserPoolClient"]
    assert client["ExplicitAuthFlows"] == ["ADMIN_NO_SRP_AUTH"]
    _user(idp, pool)
    signed_in = aws_cli(cognito_url, "admin-initiate-auth", "--user-pool-id", pool["Id"],
                        "--client-id", client["ClientId"], "--auth-flow", "ADMIN_NO_SRP_AUTH",
                        "--auth-parameters", json.dumps({"USERNAME": "leo", "PASSWORD": PASSWORD}))
    refreshed = aws_cli(cognito_url, "initiate-auth", "--client-id", client["ClientId"],
                        "--auth-flow", "REFRESH_TOKEN", "--auth-parameters",
                        json.dumps({"REFRESH_TOKEN":
                                    signed_in["AuthenticationResult"]["RefreshToken"]}))
    assert refreshed["AuthenticationResult"]["IdToken"]
    challenge = aws_cli(cognito_url, "initiate-auth", "--client-id", client["ClientId"],
                        "--auth-flow", "USER_SRP_AUTH", "--auth-parameters",
                        json.dumps({"USERNAME": "leo", "SRP_A": SRP_A}))
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER"
