"""From a user pool sign-in to AWS credentials: GetId with the ID token under the login key
apps write on AWS, GetCredentialsForIdentity, the role chosen by role mappings, tokens that
are refused, the unauthenticated flow, GetOpenIdToken, and requests signed with the issued
credentials checked by the SigV4 verifier API Gateway will use."""

import time
import uuid
from urllib.parse import urlsplit

import jwt
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from requests_aws4auth import AWS4Auth

from cfn_cognito.identity import sigv4
from cfn_cognito.idp.issuer import keys
from cfn_cognito.idp.issuer import tokens
from identity_helpers import (  # noqa: F401
    AUTH_ROLE,
    ROLE,
    UNAUTH_ROLE,
    claims,
    error_of,
    identity,
    make_identity_pool,
    server_context,
    sign_in,
)
from trigger_helpers import functions  # noqa: F401

ROLES = {"authenticated": AUTH_ROLE, "unauthenticated": UNAUTH_ROLE}
API_URL = "http://localhost:4566/restapis/a1b2c3/dev/_user_request_/orders?status=open"


@pytest.fixture
def user(sign_in):
    return sign_in("jane")


def test_a_signed_in_user_gets_an_identity_and_credentials(identity, make_identity_pool, user):
    pool = make_identity_pool(roles=ROLES, CognitoIdentityProviders=[user.cognito_provider()])
    identity_id = identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                                  Logins=user.logins)["IdentityId"]
    assert identity_id.startswith("us-east-1:")
    started = time.time()
    answer = identity.get_credentials_for_identity(IdentityId=identity_id, Logins=user.logins)
    creds = answer["Credentials"]
    assert answer["IdentityId"] == identity_id
    assert creds["AccessKeyId"].startswith("ASIA") and len(creds["AccessKeyId"]) == 20
    assert len(creds["SecretKey"]) == 40 and creds["SessionToken"]
    assert 3500 < creds["Expiration"].timestamp() - started < 3700
    # The same user signing in again is the same identity.
    assert identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                           Logins=user.logins)["IdentityId"] == identity_id
    described = identity.describe_identity(IdentityId=identity_id)
    assert described["Logins"] == [user.provider]


@pytest.mark.parametrize("key", [
    "http://localhost:{port}/{pool}",       # the pool's issuer here
    "localhost:{port}/{pool}",              # the issuer without its scheme, as AWS's key is
])
def test_the_local_issuer_is_a_login_key_too(cognito_server, identity, make_identity_pool, user,
                                             key):
    pool = make_identity_pool(roles=ROLES, CognitoIdentityProviders=[user.cognito_provider()])
    by_aws_key = identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                                 Logins=user.logins)["IdentityId"]
    local = {key.format(port=cognito_server.port, pool=user.pool["Id"]): user.id_token}
    assert identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                           Logins=local)["IdentityId"] == by_aws_key
    creds = identity.get_credentials_for_identity(IdentityId=by_aws_key, Logins=local)
    assert creds["Credentials"]["AccessKeyId"].startswith("ASIA")


def _expired_id_token(cognito_server, user) -> str:
    """The user's ID token re-signed by the pool's own key with an `exp` an hour ago."""
    with server_context(cognito_server) as ctx:
        key = keys.signing_key(ctx, user.pool["Id"], keys.ID)
        body = claims(user.id_token)
        body.update(iat=body["iat"] - 7200, exp=body["exp"] - 7200, auth_time=body["iat"] - 7200)
        return tokens.sign(key, body)


@pytest.mark.parametrize("make_token,message", [
    (lambda server, user: user.id_token[:-4] + ("AAAA" if user.id_token[-4:] != "AAAA" else "BBBB"),
     "Invalid login token. Couldn't verify signed token."),
    (lambda server, user: user.tokens["AccessToken"],
     "Invalid login token. Missing a required claim: aud"),
    (lambda server, user: "not-a-jwt",
     "Invalid login token. Not a valid OpenId Connect identity token."),
    (_expired_id_token, "Invalid login token. Token expired: "),
])
def test_a_bad_id_token_is_refused(cognito_server, identity, make_identity_pool, user,
                                   make_token, message):
    pool = make_identity_pool(roles=ROLES, CognitoIdentityProviders=[user.cognito_provider()])
    code, got = error_of(identity.get_id, IdentityPoolId=pool["IdentityPoolId"],
                         Logins={user.provider: make_token(cognito_server, user)})
    assert code == "NotAuthorizedException"
    assert got.startswith(message)


def test_a_token_of_another_client_or_pool_is_refused(idp, identity, make_identity_pool,
                                                      sign_in, user):
    other_client = idp.create_user_pool_client(UserPoolId=user.pool["Id"], ClientName="other",
                                               ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                                  "ALLOW_REFRESH_TOKEN_AUTH"])
    bob = sign_in("bob", pool=user.pool, client=other_client["UserPoolClient"])
    pool = make_identity_pool(roles=ROLES, CognitoIdentityProviders=[user.cognito_provider()])
    assert error_of(identity.get_id, IdentityPoolId=pool["IdentityPoolId"], Logins=bob.logins) \
        == ("NotAuthorizedException", "Token is not from a supported provider of this identity pool.")
    # A user pool's token under another pool's key.
    stranger = sign_in("stranger")
    assert error_of(identity.get_id, IdentityPoolId=pool["IdentityPoolId"],
                    Logins={user.provider: stranger.id_token}) == (
        "NotAuthorizedException", "Invalid login token. Issuer doesn't match providerName")


def test_credentials_need_a_login_of_the_identity(identity, make_identity_pool, sign_in, user):
    pool = make_identity_pool(roles=ROLES, CognitoIdentityProviders=[user.cognito_provider()])
    identity_id = identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                                  Logins=user.logins)["IdentityId"]
    dont_match = ("NotAuthorizedException", "Logins don't match. Please include at least one "
                  "valid login for this identity or identity pool.")
    assert error_of(identity.get_credentials_for_identity, IdentityId=identity_id) == dont_match
    bob = sign_in("bob", pool=user.pool, client=user.client)
    identity.get_id(IdentityPoolId=pool["IdentityPoolId"], Logins=bob.logins)
    assert error_of(identity.get_credentials_for_identity, IdentityId=identity_id,
                    Logins=bob.logins) == dont_match
    missing = "us-east-1:00000000-0000-4000-8000-000000000000"
    assert error_of(identity.get_credentials_for_identity, IdentityId=missing) == (
        "ResourceNotFoundException", f"Identity '{missing}' not found.")


def test_the_unauthenticated_flow(identity, make_identity_pool):
    pool = make_identity_pool(roles=ROLES, AllowUnauthenticatedIdentities=True)
    first = identity.get_id(IdentityPoolId=pool["IdentityPoolId"])["IdentityId"]
    second = identity.get_id(IdentityPoolId=pool["IdentityPoolId"])["IdentityId"]
    assert first != second
    creds = identity.get_credentials_for_identity(IdentityId=first)["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA")
    token = identity.get_open_id_token(IdentityId=first)["Token"]
    assert claims(token)["amr"] == ["unauthenticated"]


def test_unauthenticated_identities_need_the_pools_consent(identity, make_identity_pool):
    pool = make_identity_pool(roles=ROLES, AllowUnauthenticatedIdentities=False)
    assert error_of(identity.get_id, IdentityPoolId=pool["IdentityPoolId"]) == (
        "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.")


def test_an_unauthenticated_identity_becomes_the_users(identity, make_identity_pool, user):
    pool = make_identity_pool(roles=ROLES, AllowUnauthenticatedIdentities=True,
                              CognitoIdentityProviders=[user.cognito_provider()])
    guest = identity.get_id(IdentityPoolId=pool["IdentityPoolId"])["IdentityId"]
    identity.get_credentials_for_identity(IdentityId=guest, Logins=user.logins)
    assert identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                           Logins=user.logins)["IdentityId"] == guest


def test_a_pool_without_roles_is_misconfigured(identity, make_identity_pool, user):
    pool = make_identity_pool(CognitoIdentityProviders=[user.cognito_provider()])
    identity_id = identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                                  Logins=user.logins)["IdentityId"]
    assert error_of(identity.get_credentials_for_identity, IdentityId=identity_id,
                    Logins=user.logins) == (
        "InvalidIdentityPoolConfigurationException",
        "Invalid identity pool configuration. Check assigned IAM roles for this pool.")


def _role_of(cognito_server, identity, identity_id, logins, **extra) -> str:
    """The role of the credentials GetCredentialsForIdentity gives (as SigV4 sees them)."""
    creds = identity.get_credentials_for_identity(IdentityId=identity_id, Logins=logins,
                                                  **extra)["Credentials"]
    return _verify(cognito_server, _botocore_signed(creds)).role_arn


def test_rules_map_groups_to_roles(cognito_server, identity, make_identity_pool, sign_in):
    admin = sign_in("ada", groups=["admins"])
    reader = sign_in("rita", groups=["readers"], pool=admin.pool, client=admin.client)
    nobody = sign_in("nick", pool=admin.pool, client=admin.client)
    rules = {"Type": "Rules", "AmbiguousRoleResolution": "AuthenticatedRole",
             "RulesConfiguration": {"Rules": [
                 {"Claim": "cognito:groups", "MatchType": "Contains", "Value": "admins",
                  "RoleARN": ROLE + "admins"},
                 {"Claim": "cognito:groups", "MatchType": "Contains", "Value": "readers",
                  "RoleARN": ROLE + "readers"}]}}
    pool = make_identity_pool(roles=ROLES, role_mappings={
        f"{admin.provider}:{admin.client['ClientId']}": rules},
        CognitoIdentityProviders=[admin.cognito_provider()])
    for user, role in ((admin, ROLE + "admins"), (reader, ROLE + "readers"), (nobody, AUTH_ROLE)):
        identity_id = identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                                      Logins=user.logins)["IdentityId"]
        assert _role_of(cognito_server, identity, identity_id, user.logins) == role


def test_rules_that_match_nothing_deny(identity, make_identity_pool, user):
    rules = {"Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": {
        "Rules": [{"Claim": "cognito:groups", "MatchType": "Contains", "Value": "admins",
                   "RoleARN": ROLE + "admins"}]}}
    key = f"{user.provider}:{user.client['ClientId']}"
    pool = make_identity_pool(roles=ROLES, role_mappings={key: rules},
                              CognitoIdentityProviders=[user.cognito_provider()])
    identity_id = identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                                  Logins=user.logins)["IdentityId"]
    assert error_of(identity.get_credentials_for_identity, IdentityId=identity_id,
                    Logins=user.logins) == (
        "NotAuthorizedException", f"The ambiguous role mapping rules for: {key} denied this request.")


GROUP_ROLES = '''
def handler(event, context):
    event["response"]["claimsOverrideDetails"] = {"groupOverrideDetails": {
        "groupsToOverride": ["admins", "readers"],
        "iamRolesToOverride": ["%(admins)s", "%(readers)s"],
        %(preferred)s}}
    return event
'''


@pytest.mark.parametrize("preferred", [True, False])
def test_token_mapping_uses_the_preferred_role(cognito_server, idp, identity, make_identity_pool,
                                               sign_in, functions, preferred):
    source = GROUP_ROLES % {"admins": ROLE + "admins", "readers": ROLE + "readers",
                            "preferred": f'"preferredRole": "{ROLE}admins"' if preferred else ""}
    arn = functions.python(source)
    pool = idp.create_user_pool(PoolName="roles", LambdaConfig={"PreTokenGeneration": arn})
    user = sign_in("ada", pool=pool["UserPool"])
    assert claims(user.id_token)["cognito:roles"] == [ROLE + "admins", ROLE + "readers"]
    key = f"{user.provider}:{user.client['ClientId']}"
    identity_pool = make_identity_pool(
        roles=ROLES, role_mappings={key: {"Type": "Token", "AmbiguousRoleResolution": "Deny"}},
        CognitoIdentityProviders=[user.cognito_provider()])
    identity_id = identity.get_id(IdentityPoolId=identity_pool["IdentityPoolId"],
                                  Logins=user.logins)["IdentityId"]
    try:
        if preferred:
            assert _role_of(cognito_server, identity, identity_id, user.logins) == ROLE + "admins"
        else:
            code, _ = error_of(identity.get_credentials_for_identity, IdentityId=identity_id,
                               Logins=user.logins)
            assert code == "NotAuthorizedException"
        # Either way the app may pick one of the token's roles.
        assert _role_of(cognito_server, identity, identity_id, user.logins,
                        CustomRoleArn=ROLE + "readers") == ROLE + "readers"
        code, _ = error_of(identity.get_credentials_for_identity, IdentityId=identity_id,
                           Logins=user.logins, CustomRoleArn=ROLE + "someone-else")
        assert code == "NotAuthorizedException"
    finally:
        idp.delete_user_pool(UserPoolId=pool["UserPool"]["Id"])


def test_server_side_token_check_refuses_a_signed_out_user(idp, identity, make_identity_pool,
                                                           sign_in):
    checked = sign_in("jane")
    unchecked_pool = make_identity_pool(roles=ROLES,
                                        CognitoIdentityProviders=[checked.cognito_provider()])
    checked_pool = make_identity_pool(roles=ROLES, CognitoIdentityProviders=[
        checked.cognito_provider(server_side_check=True)])
    idp.admin_user_global_sign_out(UserPoolId=checked.pool["Id"], Username="jane")
    assert error_of(identity.get_id, IdentityPoolId=checked_pool["IdentityPoolId"],
                    Logins=checked.logins) == (
        "NotAuthorizedException", "Invalid login token. Token has been revoked.")
    # Without the check, the unexpired ID token still proves the user, as on AWS.
    assert identity.get_id(IdentityPoolId=unchecked_pool["IdentityPoolId"],
                           Logins=checked.logins)["IdentityId"]


def test_get_open_id_token_is_verifiable_with_the_published_keys(cognito_url, identity,
                                                                 make_identity_pool, user):
    pool = make_identity_pool(roles=ROLES, CognitoIdentityProviders=[user.cognito_provider()])
    identity_id = identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                                  Logins=user.logins)["IdentityId"]
    answer = identity.get_open_id_token(IdentityId=identity_id, Logins=user.logins)
    discovery = requests.get(cognito_url + "/identity/.well-known/openid-configuration",
                             timeout=10).json()
    jwks = requests.get(discovery["jwks_uri"].replace("http://localhost", "http://127.0.0.1"),
                        timeout=10).json()
    header = jwt.get_unverified_header(answer["Token"])
    assert header["alg"] == "RS512"
    key = jwt.PyJWK(next(k for k in jwks["keys"] if k["kid"] == header["kid"]))
    verified = jwt.decode(answer["Token"], key.key, algorithms=["RS512"],
                          audience=pool["IdentityPoolId"], issuer=discovery["issuer"])
    assert verified["sub"] == identity_id == answer["IdentityId"]
    assert verified["amr"] == ["authenticated", user.provider,
                               f"{user.provider}:CognitoSignIn:{claims(user.id_token)['sub']}"]
    assert verified["exp"] - verified["iat"] == 600
    # The OpenID token is itself a login for the identity.
    creds = identity.get_credentials_for_identity(
        IdentityId=identity_id, Logins={"cognito-identity.amazonaws.com": answer["Token"]})
    assert creds["Credentials"]["AccessKeyId"].startswith("ASIA")


# --- SigV4 with the issued credentials -------------------------------------------------------

def _botocore_signed(creds: dict, method="GET", url=API_URL, body=b"", secret=None) -> dict:
    request = AWSRequest(method=method, url=url, data=body,
                         headers={"Content-Type": "application/json"})
    SigV4Auth(Credentials(creds["AccessKeyId"], secret or creds["SecretKey"],
                          creds["SessionToken"]), "execute-api", "us-east-1").add_auth(request)
    split = urlsplit(url)
    return {"method": method, "path": split.path, "query": split.query, "body": body,
            "headers": {**dict(request.headers.items()), "Host": split.netloc}}


def _aws4auth_signed(creds: dict, method="POST", url=API_URL, body=b'{"n": 1}') -> dict:
    auth = AWS4Auth(creds["AccessKeyId"], creds["SecretKey"], "us-east-1", "execute-api",
                    session_token=creds["SessionToken"])
    prepared = auth(requests.Request(method, url, data=body).prepare())
    split = urlsplit(prepared.url)
    return {"method": method, "path": split.path, "query": split.query, "body": body,
            "headers": {**dict(prepared.headers.items()), "Host": split.netloc}}


def _verify(cognito_server, request: dict, seconds_ahead: float = 0) -> sigv4.Caller:
    with server_context(cognito_server, seconds_ahead) as ctx:
        return sigv4.verify(ctx, **request)


@pytest.fixture
def issued(identity, make_identity_pool, user) -> tuple[dict, str, dict]:
    """(the identity pool, the identity id, its credentials) of the signed-in user."""
    pool = make_identity_pool(roles=ROLES, CognitoIdentityProviders=[user.cognito_provider()])
    identity_id = identity.get_id(IdentityPoolId=pool["IdentityPoolId"],
                                  Logins=user.logins)["IdentityId"]
    creds = identity.get_credentials_for_identity(IdentityId=identity_id,
                                                  Logins=user.logins)["Credentials"]
    return pool, identity_id, creds


@pytest.mark.parametrize("sign", [_botocore_signed, _aws4auth_signed])
def test_a_request_signed_with_the_credentials_is_the_identitys(cognito_server, user, issued,
                                                                sign):
    pool, identity_id, creds = issued
    caller = _verify(cognito_server, sign(creds))
    event_identity = caller.request_context_identity()
    assert event_identity["cognitoIdentityId"] == identity_id
    assert event_identity["cognitoIdentityPoolId"] == pool["IdentityPoolId"]
    assert event_identity["cognitoAuthenticationType"] == "authenticated"
    assert event_identity["accessKey"] == creds["AccessKeyId"]
    sub = claims(user.id_token)["sub"]
    assert event_identity["cognitoAuthenticationProvider"] == (
        f"{user.provider},{user.provider}:CognitoSignIn:{sub}")
    assert caller.role_arn == AUTH_ROLE


def test_a_tampered_request_a_wrong_secret_and_expired_credentials_are_refused(cognito_server,
                                                                               issued):
    _, _, creds = issued
    tampered = _botocore_signed(creds, "POST", body=b'{"amount": 1}')
    tampered["body"] = b'{"amount": 1000}'
    with pytest.raises(sigv4.SignatureMismatch) as refused:
        _verify(cognito_server, tampered)
    assert refused.value.status == 403
    with pytest.raises(sigv4.SignatureMismatch):
        _verify(cognito_server, _botocore_signed(creds, secret="x" * 40))
    with pytest.raises(sigv4.ExpiredCredentials) as refused:
        _verify(cognito_server, _botocore_signed(creds), seconds_ahead=3601)
    assert refused.value.status == 403
    unknown = dict(creds, AccessKeyId="ASIA" + uuid.uuid4().hex[:16].upper())
    with pytest.raises(sigv4.UnknownAccessKey):
        _verify(cognito_server, _botocore_signed(unknown))
