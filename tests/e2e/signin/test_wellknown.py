"""OIDC discovery and JWKS as a resource server uses them: fetch, then verify tokens."""

import boto3
import jwt
import pytest
import requests

from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.idp.userpools import pools
from cfn_cognito.idp.issuer import tokens
from cfn_cognito.idp.issuer.tokens import TokenSubject
from cfn_cognito.store import open_store
from cfn_cognito.testing import LocalCognito

DISCOVERY_KEYS = [
    "authorization_endpoint", "id_token_signing_alg_values_supported", "issuer", "jwks_uri",
    "response_types_supported", "scopes_supported", "subject_types_supported", "token_endpoint",
    "token_endpoint_auth_methods_supported", "userinfo_endpoint",
]


@pytest.fixture
def server_ctx(cognito_server):
    """A service context on the running server's own data directory (and public URL)."""
    store = open_store(cognito_server.data_dir, cognito_server.database_url or "")
    yield Context(settings=Settings(port=cognito_server.port), store=store)
    store.close()


def test_discovery_document_is_awss_with_our_endpoints(cognito_server, pool):
    base = f"http://localhost:{cognito_server.port}"
    r = requests.get(f"{cognito_server.url}/{pool['Id']}/.well-known/openid-configuration")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json"
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert ", " not in r.text and '": ' not in r.text  # minified, as AWS serves it
    doc = r.json()
    assert list(doc) == DISCOVERY_KEYS
    assert doc["issuer"] == f"{base}/{pool['Id']}"
    assert doc["jwks_uri"] == f"{base}/{pool['Id']}/.well-known/jwks.json"
    assert doc["authorization_endpoint"] == f"{base}/oauth2/authorize"
    assert doc["token_endpoint"] == f"{base}/oauth2/token"
    assert doc["userinfo_endpoint"] == f"{base}/oauth2/userInfo"
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert doc["response_types_supported"] == ["code", "token"]


def test_jwks_publishes_two_rsa_keys(cognito_url, pool):
    r = requests.get(f"{cognito_url}/{pool['Id']}/.well-known/jwks.json")
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    keys = r.json()["keys"]
    assert len(keys) == 2 and keys[0]["kid"] != keys[1]["kid"]
    assert all(k["kty"] == "RSA" and k["alg"] == "RS256" and k["use"] == "sig" for k in keys)
    # The same keys on every fetch.
    assert requests.get(f"{cognito_url}/{pool['Id']}/.well-known/jwks.json").json() == r.json()


@pytest.mark.parametrize("document", ["jwks.json", "openid-configuration"])
def test_an_unknown_pool_is_a_clean_404(cognito_url, document):
    r = requests.get(f"{cognito_url}/us-east-1_NoSuchOne/.well-known/{document}")
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/json"
    assert r.json() == {"message": "User pool us-east-1_NoSuchOne does not exist."}


def test_pyjwt_verifies_issued_tokens_through_discovery(cognito_url, idp, pool, server_ctx):
    client_id = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web")["UserPoolClient"]["ClientId"]
    client = server_ctx.store.clients.get(pool["Id"], client_id)
    subject = TokenSubject("carol", "3c3c3c3c-1c4e-4bd0-9b7e-0c1d2e3f4a5b",
                           [{"Name": "email", "Value": "carol@example.com"},
                            {"Name": "email_verified", "Value": "true"}])
    result = tokens.sign_in(server_ctx, pools.get_pool(server_ctx, pool["Id"]), client, subject,
                            groups=["readers"])

    discovery = requests.get(f"{cognito_url}/{pool['Id']}/.well-known/openid-configuration").json()
    jwks_client = jwt.PyJWKClient(discovery["jwks_uri"])

    id_key = jwks_client.get_signing_key_from_jwt(result["IdToken"])
    id_claims = jwt.decode(result["IdToken"], id_key, algorithms=["RS256"],
                           issuer=discovery["issuer"], audience=client_id)
    assert id_claims["token_use"] == "id"
    assert id_claims["cognito:username"] == "carol"
    assert id_claims["email_verified"] is True

    access_key = jwks_client.get_signing_key_from_jwt(result["AccessToken"])
    access = jwt.decode(result["AccessToken"], access_key, algorithms=["RS256"],
                        issuer=discovery["issuer"], options={"verify_aud": False})
    assert access["client_id"] == client_id
    assert access["cognito:groups"] == ["readers"]
    assert access["scope"] == "aws.cognito.signin.user.admin"
    assert id_key.key_id != access_key.key_id


def test_keys_survive_a_restart_and_go_with_the_pool(tmp_path):
    with LocalCognito(data_dir=str(tmp_path)) as server:
        idp = boto3.client("cognito-idp", endpoint_url=server.url, region_name="us-east-1")
        pool_id = idp.create_user_pool(PoolName="restart")["UserPool"]["Id"]
        url = f"{server.url}/{pool_id}/.well-known/jwks.json"
        before = requests.get(url).json()
        server.stop()
        server.start()
        assert requests.get(url).json() == before
        idp.delete_user_pool(UserPoolId=pool_id)
        assert requests.get(url).status_code == 404
