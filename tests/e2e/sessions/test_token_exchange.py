"""GetDerivedToken with boto3: a user's token exchanged for one narrowed in scope and bound
to a downstream audience, with an `act` claim when an actor token is presented; the client
flows and refusals AWS documents; the derived token falls with its session."""

import jwt
import pytest
import requests

from signin_helpers import PASSWORD, error_of, make_user

SCOPES = ["orders/read", "orders/write"]


def claims(token):
    return jwt.decode(token, options={"verify_signature": False})


@pytest.fixture
def setup(idp, pool):
    """A resource server, a web client alice signs in with (her tokens carry the API's admin
    scope), and a secret service client allowed to exchange tokens for the orders scopes."""
    idp.create_resource_server(UserPoolId=pool["Id"], Identifier="orders", Name="orders",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "r"},
                                       {"ScopeName": "write", "ScopeDescription": "w"}])
    web = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]
    service = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="service", GenerateSecret=True,
        AllowedOAuthScopes=SCOPES + ["aws.cognito.signin.user.admin"],
        ExplicitAuthFlows=["ALLOW_TOKEN_EXCHANGE_IMPERSONATION",
                           "ALLOW_TOKEN_EXCHANGE_DELEGATION"])["UserPoolClient"]
    make_user(idp, pool)
    auth = idp.initiate_auth(ClientId=web["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD}
                             )["AuthenticationResult"]
    return web, service, auth


def exchange(idp, service, subject, **extra):
    return idp.get_derived_token(ClientId=service["ClientId"],
                                 ClientSecret=service["ClientSecret"], SubjectToken=subject,
                                 **extra)


def test_impersonation_narrows_and_binds_the_token(idp, pool, setup):
    web, service, auth = setup
    # No Scopes: the subject token's own (the API's admin scope).
    same = exchange(idp, service, auth["AccessToken"], SubjectTokenType="ACCESS_TOKEN")
    assert same["IssuedTokenType"] == "ACCESS_TOKEN" and same["TokenType"] == "Bearer"
    assert same["Scopes"] == ["aws.cognito.signin.user.admin"] and "RefreshToken" not in same
    issued = claims(same["IssuedToken"])
    original = claims(auth["AccessToken"])
    assert issued["sub"] == original["sub"] and issued["username"] == "alice"
    assert issued["client_id"] == service["ClientId"] and "act" not in issued
    assert issued["origin_jti"] == original["origin_jti"]
    # The issued token is a real one of the pool: GetUser takes it.
    assert idp.get_user(AccessToken=same["IssuedToken"])["Username"] == "alice"

    # From an ID token, for a resource server, with a narrowed scope.
    bound = exchange(idp, service, auth["IdToken"], SubjectTokenType="ID_TOKEN",
                     Scopes=["orders/read", "not/allowed"], Resources=["orders"])
    assert bound["Scopes"] == ["orders/read"]
    issued = claims(bound["IssuedToken"])
    assert issued["scope"] == "orders/read" and issued["aud"] == ["orders"]

    # An ID token for an audience.
    id_token = exchange(idp, service, auth["AccessToken"], SubjectTokenType="ACCESS_TOKEN",
                        RequestedTokenType="ID_TOKEN", Audiences=["billing-service"])
    assert (id_token["IssuedTokenType"], id_token["TokenType"]) == ("ID_TOKEN", "N_A")
    issued = claims(id_token["IssuedToken"])
    assert issued["token_use"] == "id" and issued["aud"] == ["billing-service"]


def test_delegation_names_the_actor(idp, pool, setup):
    web, service, auth = setup
    make_user(idp, pool, username="agent")
    agent = idp.initiate_auth(ClientId=web["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "agent", "PASSWORD": PASSWORD}
                              )["AuthenticationResult"]
    out = exchange(idp, service, auth["AccessToken"], SubjectTokenType="ACCESS_TOKEN",
                   ActorToken=agent["AccessToken"], ActorTokenType="ACCESS_TOKEN")
    issued = claims(out["IssuedToken"])
    assert issued["username"] == "alice"
    assert issued["act"] == {"sub": claims(agent["AccessToken"])["sub"]}


def test_refusals(idp, pool, setup):
    web, service, auth = setup
    subject = {"SubjectToken": auth["AccessToken"], "SubjectTokenType": "ACCESS_TOKEN"}
    assert error_of(lambda: idp.get_derived_token(
        ClientId=service["ClientId"], ClientSecret="x" * 32, **subject))[0] == \
        "NotAuthorizedException"
    # The web client allows no exchange.
    assert error_of(lambda: idp.get_derived_token(ClientId=web["ClientId"], **subject)) == (
        "InvalidParameterException", "Auth flow not enabled for this client")
    assert error_of(lambda: exchange(idp, service, auth["AccessToken"],
                                     SubjectTokenType="ACCESS_TOKEN", Audiences=["a"],
                                     Resources=["orders"]))[0] == "InvalidParameterException"
    assert error_of(lambda: exchange(idp, service, "not.a.token",
                                     SubjectTokenType="ACCESS_TOKEN")) == (
        "NotAuthorizedException", "Invalid Access Token")
    # An access token presented as an ID token.
    assert error_of(lambda: exchange(idp, service, auth["AccessToken"],
                                     SubjectTokenType="ID_TOKEN", Scopes=["orders/read"])) == (
        "NotAuthorizedException", "Invalid ID Token")
    code, message = error_of(lambda: exchange(idp, service, "PHNhbWw+", SubjectTokenType="SAML2"))
    assert code == "UnsupportedOperationException" and "SAML 2.0" in message


def test_a_derived_token_falls_with_its_session(idp, pool, setup):
    web, service, auth = setup
    derived = exchange(idp, service, auth["AccessToken"], SubjectTokenType="ACCESS_TOKEN")
    idp.revoke_token(Token=auth["RefreshToken"], ClientId=web["ClientId"])
    assert error_of(lambda: idp.get_user(AccessToken=derived["IssuedToken"])) == (
        "NotAuthorizedException", "Access Token has been revoked")
    assert error_of(lambda: exchange(idp, service, auth["AccessToken"],
                                     SubjectTokenType="ACCESS_TOKEN")) == (
        "NotAuthorizedException", "Access Token has been revoked")


def test_the_token_endpoint_exchanges_tokens_too(cognito_url, idp, pool, setup):
    web, service, auth = setup
    form = {"grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
            "subject_token": auth["AccessToken"],
            "subject_token_type": "urn:ietf:params:oauth:token-type:access_token",
            "audience": ["billing", "shipping"]}
    basic = (service["ClientId"], service["ClientSecret"])
    answer = requests.post(cognito_url + "/oauth2/token", data=form, auth=basic)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["issued_token_type"] == "urn:ietf:params:oauth:token-type:access_token"
    assert body["token_type"] == "Bearer" and body["scope"] == "aws.cognito.signin.user.admin"
    assert claims(body["access_token"])["aud"] == ["billing", "shipping"]

    refused = requests.post(cognito_url + "/oauth2/token", auth=basic,
                            data={**form, "subject_token": "x.y.z"})
    assert (refused.status_code, refused.json()["error"]) == (400, "invalid_grant")
    web_basic = requests.post(cognito_url + "/oauth2/token",
                              data={**form, "client_id": web["ClientId"]})
    assert (web_basic.status_code, web_basic.json()["error"]) == (400, "unauthorized_client")
