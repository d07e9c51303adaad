"""HTTPS with the data directory's local CA (`serve --https`), checked with the clients that
need it, each trusting the CA only through what `cfn-cognito ca env` prints: aws-jwt-verify
(whose JWKS fetcher speaks https only) with NODE_EXTRA_CA_CERTS alone, boto3 and the AWS CLI
with AWS_CA_BUNDLE; the tokens, the discovery document and the JWKS all name the https
issuer. Clients that were not told to trust the CA get a TLS error, never a quiet fallback."""

import json
import ssl
import subprocess
import sys
import urllib.error
import urllib.request

import boto3
import botocore.exceptions
import jwt
import pytest
import requests

from https_helpers import ca_env, environ, https_server  # noqa: F401 (https_server: a fixture)
from node_scripts import NODE_DIR, install

PASSWORD = "Corr3ct-Horse!"


@pytest.fixture(scope="module")
def trust(https_server):
    return ca_env(https_server.data_dir)


def idp_client(url: str, monkeypatch, **trust):
    # botocore reads AWS_CA_BUNDLE when the client is made, as a user's shell would set it.
    for name in ("AWS_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in trust.items():
        monkeypatch.setenv(name, value)
    return boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1")


@pytest.fixture(scope="module")
def signed_in(https_server, trust):
    """A pool, an app client and a user, made over https with boto3; the user's tokens."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        idp = idp_client(https_server.https_url, monkeypatch, AWS_CA_BUNDLE=trust["AWS_CA_BUNDLE"])
        pool = idp.create_user_pool(PoolName="https-pool")["UserPool"]
        client = idp.create_user_pool_client(
            UserPoolId=pool["Id"], ClientName="app",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )["UserPoolClient"]
        idp.admin_create_user(UserPoolId=pool["Id"], Username="alice", MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username="alice", Password=PASSWORD,
                                    Permanent=True)
        tokens = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
                                   )["AuthenticationResult"]
    return {"pool": pool, "client": client, "tokens": tokens}


def test_boto3_with_aws_ca_bundle_gets_tokens_that_name_the_https_issuer(https_server, trust,
                                                                          signed_in):
    issuer = f"{https_server.https_url}/{signed_in['pool']['Id']}"
    for name in ("IdToken", "AccessToken"):
        claims = jwt.decode(signed_in["tokens"][name], options={"verify_signature": False})
        assert claims["iss"] == issuer
    # The discovery document and the JWKS, over https, name the https issuer too.
    bundle = trust["REQUESTS_CA_BUNDLE"]
    discovery = requests.get(f"{issuer}/.well-known/openid-configuration", verify=bundle,
                             timeout=10).json()
    assert discovery["issuer"] == issuer
    assert discovery["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    assert discovery["token_endpoint"].startswith("https://")
    keys = requests.get(discovery["jwks_uri"], verify=bundle, timeout=10).json()["keys"]
    kid = jwt.get_unverified_header(signed_in["tokens"]["IdToken"])["kid"]
    assert kid in {key["kid"] for key in keys}


def test_plain_http_still_answers_on_its_own_port(https_server, signed_in):
    issuer = f"{https_server.https_url}/{signed_in['pool']['Id']}"
    answer = requests.get(f"{https_server.url}/{signed_in['pool']['Id']}"
                          "/.well-known/openid-configuration", timeout=10)
    assert answer.status_code == 200
    assert answer.json()["issuer"] == issuer      # the public URL is the https one


def run_verifier(issuer: str, token: str, use: str, client_id: str, env: dict) -> dict:
    out = subprocess.run(["node", str(NODE_DIR / "verify_jwt_https.js"), issuer, token, use,
                          client_id], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_aws_jwt_verify_fetches_the_https_jwks_with_only_node_extra_ca_certs(
        https_server, trust, signed_in):
    install()
    client_id = signed_in["client"]["ClientId"]
    tokens = signed_in["tokens"]
    issuer = jwt.decode(tokens["AccessToken"], options={"verify_signature": False})["iss"]
    assert issuer.startswith("https://")
    env = environ(NODE_EXTRA_CA_CERTS=trust["NODE_EXTRA_CA_CERTS"])
    for token, use in ((tokens["IdToken"], "id"), (tokens["AccessToken"], "access")):
        verified = run_verifier(issuer, token, use, client_id, env)
        assert verified["ok"], verified
        assert verified["payload"]["token_use"] == use
        assert verified["payload"]["iss"] == issuer

    forged = tokens["AccessToken"][:-4] + ("AAAA" if not tokens["AccessToken"].endswith("AAAA")
                                           else "BBBB")
    refused = run_verifier(issuer, forged, "access", client_id, env)
    assert not refused["ok"] and "signature" in refused["error"].lower(), refused

    # Not told to trust the CA: Node refuses the certificate.
    untrusted = run_verifier(issuer, tokens["AccessToken"], "access", client_id, environ())
    assert not untrusted["ok"]
    assert "unable to verify the first certificate" in untrusted["error"], untrusted


def aws_cli(url: str, env: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in env.items() if k != "AWS_PROFILE"}
    return subprocess.run([sys.executable, "-m", "awscli", "--endpoint-url", url, "--output",
                           "json", *args], capture_output=True, text=True, env=env, timeout=120)


def test_the_aws_cli_with_aws_ca_bundle(https_server, trust, signed_in):
    pool_id = signed_in["pool"]["Id"]
    out = aws_cli(https_server.https_url, environ(AWS_CA_BUNDLE=trust["AWS_CA_BUNDLE"]),
                  "cognito-idp", "describe-user-pool", "--user-pool-id", pool_id)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["UserPool"]["Id"] == pool_id

    untrusted = aws_cli(https_server.https_url, environ(), "cognito-idp", "describe-user-pool",
                        "--user-pool-id", pool_id)
    assert untrusted.returncode != 0
    assert "SSL validation failed" in untrusted.stderr, untrusted.stderr


def test_clients_that_do_not_trust_the_ca_get_a_tls_error(https_server, monkeypatch):
    idp = idp_client(https_server.https_url, monkeypatch)
    with pytest.raises(botocore.exceptions.SSLError):
        idp.list_user_pools(MaxResults=10)
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(https_server.https_url + "/_cfn_cognito/health", timeout=10)
    with pytest.raises(urllib.error.URLError) as info:
        urllib.request.urlopen(https_server.https_url + "/_cfn_cognito/health", timeout=10,
                               context=ssl.create_default_context())
    assert isinstance(info.value.reason, ssl.SSLCertVerificationError)
    # Plain HTTP sent to the https port is not served either.
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(f"http://localhost:{https_server.https_port}/_cfn_cognito/health",
                     timeout=10)


def test_cfn_cognito_commands_over_https_trust_the_ca_through_ca_env(https_server, trust):
    command = [sys.executable, "-m", "cfn_cognito", "messages", "--endpoint",
               https_server.https_url]
    trusted = subprocess.run(command, capture_output=True, text=True, timeout=60,
                             env=environ(SSL_CERT_FILE=trust["SSL_CERT_FILE"]))
    assert trusted.returncode == 0, trusted.stderr
    untrusted = subprocess.run(command, capture_output=True, text=True, timeout=60,
                               env=environ())
    assert untrusted.returncode == 1
    assert untrusted.stderr.startswith(f"cfn-cognito: the certificate of "
                                       f"{https_server.https_url} is not trusted"), untrusted.stderr
    assert 'eval "$(cfn-cognito ca env)"' in untrusted.stderr
