"""GetClientToken with boto3: a machine-to-machine access token for an app client whose only
flow is ALLOW_CLIENT_TOKEN_AUTH, authenticated by its secret; what the client may ask for and
what it is refused; the token accepted where a client_credentials token is."""

import jwt
import requests

from signin_helpers import error_of


def server(idp, pool):
    idp.create_resource_server(UserPoolId=pool["Id"], Identifier="orders", Name="orders",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "r"},
                                       {"ScopeName": "write", "ScopeDescription": "w"}])


def m2m_client(idp, pool, **extra):
    settings = {"GenerateSecret": True, "ExplicitAuthFlows": ["ALLOW_CLIENT_TOKEN_AUTH"],
                "AllowedOAuthScopes": ["orders/read", "orders/write"], **extra}
    return idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="m2m",
                                       **settings)["UserPoolClient"]


def test_a_client_token_carries_the_client_and_its_scopes(cognito_url, idp, pool):
    server(idp, pool)
    client = m2m_client(idp, pool)
    result = idp.get_client_token(ClientId=client["ClientId"], Secret=client["ClientSecret"])
    auth = result["ClientAuthenticationResult"]
    assert auth["TokenType"] == "Bearer" and auth["ExpiresIn"] == 3600
    claims = jwt.decode(auth["AccessToken"], options={"verify_signature": False})
    assert claims["sub"] == claims["client_id"] == client["ClientId"]
    assert claims["scope"] == "orders/read orders/write" and claims["token_use"] == "access"
    assert claims["iss"].endswith("/" + pool["Id"])
    # Verifies against the pool's published keys.
    jwks = requests.get(f"{cognito_url}/{pool['Id']}/.well-known/jwks.json").json()
    key = jwt.PyJWK(next(k for k in jwks["keys"]
                         if k["kid"] == jwt.get_unverified_header(auth["AccessToken"])["kid"]))
    jwt.decode(auth["AccessToken"], key.key, algorithms=["RS256"])

    narrowed = idp.get_client_token(ClientId=client["ClientId"], Secret=client["ClientSecret"],
                                    Scopes=["orders/read"])["ClientAuthenticationResult"]
    assert jwt.decode(narrowed["AccessToken"],
                      options={"verify_signature": False})["scope"] == "orders/read"


def test_refusals(idp, pool):
    server(idp, pool)
    client = m2m_client(idp, pool, AllowedOAuthScopes=["orders/read"])
    assert error_of(lambda: idp.get_client_token(
        ClientId=client["ClientId"], Secret="x" * 32))[0] == "NotAuthorizedException"
    assert error_of(lambda: idp.get_client_token(
        ClientId=client["ClientId"], Secret=client["ClientSecret"],
        Scopes=["orders/write"]))[0] == "InvalidParameterException"
    assert error_of(lambda: idp.get_client_token(
        ClientId="nosuchclient1234567890", Secret="x" * 32))[0] == "ResourceNotFoundException"
    # A secret client without the flow.
    other = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web",
                                        GenerateSecret=True,
                                        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    other = other["UserPoolClient"]
    assert error_of(lambda: idp.get_client_token(
        ClientId=other["ClientId"], Secret=other["ClientSecret"])) == (
        "InvalidParameterException", "Auth flow not enabled for this client")


def test_the_flow_stands_alone_and_needs_a_secret(idp, pool):
    code, _ = error_of(lambda: idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="x", GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"]))
    assert code == "InvalidParameterException"
    code, _ = error_of(lambda: idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="x", ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH"]))
    assert code == "InvalidParameterException"
