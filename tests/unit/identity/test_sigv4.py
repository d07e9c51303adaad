"""The SigV4 check of requests signed with issued credentials, against the signers apps use:
botocore's own SigV4Auth and requests-aws4auth."""

import datetime
from urllib.parse import urlsplit

import botocore.auth
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from requests_aws4auth import AWS4Auth

from cfn_cognito.identity import operations, sigv4

from identity_fixtures import UNAUTH_ROLE, clock, ctx, identity_pool, issued  # noqa: F401

URL = "http://localhost:4566/restapis/a1b2c3/dev/_user_request_/orders/42"


def _parts(method: str, url: str, headers, body: bytes) -> dict:
    """A request as a server receives it: raw path and query, the Host header sent."""
    split = urlsplit(url)
    headers = dict(headers)
    headers.setdefault("Host", split.netloc)
    return {"method": method, "path": split.path, "query": split.query, "headers": headers,
            "body": body}


def botocore_signed(creds: dict, method="GET", url=URL, body=b"", headers=None,
                    secret=None) -> dict:
    request = AWSRequest(method=method, url=url, data=body, headers=headers or {})
    SigV4Auth(Credentials(creds["AccessKeyId"], secret or creds["SecretKey"],
                          creds["SessionToken"]), "execute-api", "us-east-1").add_auth(request)
    return _parts(method, url, request.headers.items(), body)


def aws4auth_signed(creds: dict, method="GET", url=URL, body=b"", headers=None) -> dict:
    auth = AWS4Auth(creds["AccessKeyId"], creds["SecretKey"], "us-east-1", "execute-api",
                    session_token=creds["SessionToken"])
    prepared = auth(requests.Request(method, url, data=body, headers=headers or {}).prepare())
    return _parts(method, prepared.url, prepared.headers.items(), prepared.body or b"")


def verify(ctx, request: dict) -> sigv4.Caller:
    return sigv4.verify(ctx, **request)


@pytest.mark.parametrize("sign", [botocore_signed, aws4auth_signed])
@pytest.mark.parametrize("method,url,body", [
    ("GET", URL, b""),
    ("GET", URL + "?limit=10&after=a%20b&tag=x&tag=a", b""),
    ("POST", URL, b'{"item": "book", "qty": 2}'),
    ("PUT", "http://localhost:4566/items/a%20b/%C3%BCber/x~y?q=%C3%BC%2Bplus", b"data"),
])
def test_a_request_signed_with_issued_credentials_is_accepted(ctx, issued, sign, method, url,
                                                              body):
    caller = verify(ctx, sign(issued["Credentials"], method, url, body,
                              {"Content-Type": "application/json"}))
    assert caller.identity_id == issued["IdentityId"]
    assert caller.access_key == issued["Credentials"]["AccessKeyId"]
    assert caller.role_arn == UNAUTH_ROLE
    assert caller.authentication_type == "unauthenticated"


def test_the_seeds_authentication_header_spelling_is_accepted(ctx, issued):
    request = botocore_signed(issued["Credentials"])
    request["headers"]["Authentication"] = request["headers"].pop("Authorization")
    assert verify(ctx, request).identity_id == issued["IdentityId"]


def test_the_caller_fills_api_gateways_request_context_identity(ctx, identity_pool, issued):
    identity = verify(ctx, botocore_signed(issued["Credentials"])).request_context_identity()
    assert identity["cognitoIdentityId"] == issued["IdentityId"]
    assert identity["cognitoIdentityPoolId"] == identity_pool["IdentityPoolId"]
    assert identity["cognitoAuthenticationType"] == "unauthenticated"
    assert identity["cognitoAuthenticationProvider"] is None
    assert identity["accessKey"] == issued["Credentials"]["AccessKeyId"]
    assert identity["userArn"] == ("arn:aws:sts::000000000000:assumed-role/identity-unauth/"
                                   "CognitoIdentityCredentials")
    assert identity["caller"].startswith("AROA")


@pytest.mark.parametrize("tamper", [
    lambda r: r.update(body=b'{"item": "car", "qty": 2}'),
    lambda r: r.update(path=r["path"] + "/extra"),
    lambda r: r.update(method="DELETE"),
    lambda r: r.update(query="admin=true"),
    lambda r: r["headers"].update({"Content-Type": "text/plain"}),
    lambda r: r["headers"].update({"Host": "evil.example.com"}),
])
def test_a_tampered_request_is_refused(ctx, issued, tamper):
    request = botocore_signed(issued["Credentials"], "POST", body=b'{"item": "book", "qty": 2}',
                              headers={"Content-Type": "application/json"})
    tamper(request)
    with pytest.raises(sigv4.SignatureMismatch) as refused:
        verify(ctx, request)
    assert refused.value.status == 403
    assert refused.value.gateway_response == "INVALID_SIGNATURE"


def test_a_tampered_signature_is_refused(ctx, issued):
    request = botocore_signed(issued["Credentials"])
    header = request["headers"]["Authorization"]
    last = header[-1]
    request["headers"]["Authorization"] = header[:-1] + ("0" if last != "0" else "1")
    with pytest.raises(sigv4.SignatureMismatch) as refused:
        verify(ctx, request)
    assert refused.value.message.startswith("The request signature we calculated does not match")


def test_a_signature_made_with_a_wrong_secret_is_refused(ctx, issued):
    request = botocore_signed(issued["Credentials"], secret="W" * 40)
    with pytest.raises(sigv4.SignatureMismatch):
        verify(ctx, request)


def test_expired_credentials_are_refused(ctx, clock, issued):
    clock.advance(3601)
    with pytest.raises(sigv4.ExpiredCredentials) as refused:
        verify(ctx, botocore_signed(issued["Credentials"]))
    assert refused.value.message == "The security token included in the request is expired"
    assert refused.value.gateway_response == "EXPIRED_TOKEN"


def test_credentials_still_valid_just_before_their_expiration(ctx, clock, issued, monkeypatch):
    clock.advance(3600 - 60)
    # botocore stamps the request with its own clock: the service's, moved.
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: datetime.datetime.fromtimestamp(
        clock.now, datetime.timezone.utc).replace(tzinfo=None))
    assert verify(ctx, botocore_signed(issued["Credentials"])).identity_id == issued["IdentityId"]


def test_an_old_signature_is_refused(ctx, clock, issued):
    request = botocore_signed(issued["Credentials"])
    clock.advance(sigv4.MAX_SKEW_SECONDS + 60)
    with pytest.raises(sigv4.SignatureMismatch) as refused:
        verify(ctx, request)
    assert refused.value.message.startswith("Signature expired: ")


def test_an_unknown_access_key_is_refused(ctx, issued):
    creds = dict(issued["Credentials"], AccessKeyId="ASIAUNKNOWNUNKNOWN00")
    with pytest.raises(sigv4.UnknownAccessKey) as refused:
        verify(ctx, botocore_signed(creds))
    assert refused.value.message == "The security token included in the request is invalid."
    assert refused.value.error_type == "UnrecognizedClientException"


def test_the_session_token_must_come_with_the_key(ctx, issued):
    request = botocore_signed(dict(issued["Credentials"], SessionToken=None))
    with pytest.raises(sigv4.UnknownAccessKey):
        verify(ctx, request)
    request = botocore_signed(dict(issued["Credentials"], SessionToken="forged"))
    with pytest.raises(sigv4.UnknownAccessKey):
        verify(ctx, request)


def test_credentials_of_a_deleted_identity_are_refused(ctx, issued):
    operations.delete_identities(ctx, {"IdentityIdsToDelete": [issued["IdentityId"]]})
    with pytest.raises(sigv4.UnknownAccessKey):
        verify(ctx, botocore_signed(issued["Credentials"]))


def test_a_request_without_a_signature_is_missing_its_token(ctx):
    with pytest.raises(sigv4.MissingAuthenticationToken) as refused:
        sigv4.verify(ctx, "GET", "/orders", "", {"Host": "localhost:4566"}, b"")
    assert refused.value.message == "Missing Authentication Token"
    assert refused.value.status == 403


@pytest.mark.parametrize("header", [
    "Bearer eyJhbGciOi.x.y",
    "AWS4-HMAC-SHA256 Credential=ASIAX/20240101/us-east-1/execute-api/aws4_request",
])
def test_a_malformed_authorization_is_an_incomplete_signature(ctx, header):
    with pytest.raises(sigv4.IncompleteSignature) as refused:
        sigv4.verify(ctx, "GET", "/", "", {"Host": "h", "Authorization": header}, b"")
    assert "Authorization header requires 'Signature' parameter." in refused.value.message
