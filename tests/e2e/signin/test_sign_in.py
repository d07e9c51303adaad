"""Sign-in as real clients do it: boto3's password flows, pycognito's SRP,
amazon-cognito-identity-js (Amplify's SRP) in Node, and tokens checked by PyJWT and
aws-jwt-verify against the published JWKS."""

import base64
import hashlib
import hmac
import json

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pycognito.aws_srp import AWSSRP

from signin_helpers import (  # noqa: F401 (node_clients: a fixture)
    ALL_FLOWS,
    NODE_DIR,
    PASSWORD,
    error_of,
    make_client,
    make_user,
    node_clients,
    password_sign_in,
    run_node,
    secret_hash,
)


# -- password flows -----------------------------------------------------------------------

def test_password_sign_in_returns_tokens_with_aws_claims(idp, pool, cognito_url):
    client = make_client(idp, pool)
    make_user(idp, pool, email="alice@example.com", email_verified="true")
    idp.create_group(UserPoolId=pool["Id"], GroupName="admins", Precedence=1)
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="alice", GroupName="admins")

    result = password_sign_in(idp, client)

    assert result["ChallengeParameters"] == {}
    auth = result["AuthenticationResult"]
    assert auth["TokenType"] == "Bearer" and auth["ExpiresIn"] == 3600
    assert len(auth["RefreshToken"].split(".")) == 5
    id_claims = jwt.decode(auth["IdToken"], options={"verify_signature": False})
    access = jwt.decode(auth["AccessToken"], options={"verify_signature": False})
    assert id_claims["iss"] == access["iss"]
    # The issuer is the public URL (http://localhost:<port> by default) and the pool id.
    assert id_claims["iss"] == f"http://localhost:{cognito_url.rsplit(':', 1)[1]}/{pool['Id']}"
    assert id_claims["aud"] == client["ClientId"] and "aud" not in access
    assert id_claims["token_use"] == "id" and access["token_use"] == "access"
    assert id_claims["cognito:username"] == "alice" and access["username"] == "alice"
    assert id_claims["email"] == "alice@example.com" and id_claims["email_verified"] is True
    assert id_claims["cognito:groups"] == ["admins"] == access["cognito:groups"]
    assert access["scope"] == "aws.cognito.signin.user.admin"
    assert access["client_id"] == client["ClientId"]
    assert id_claims["sub"] == access["sub"]
    assert id_claims["origin_jti"] == access["origin_jti"]
    assert id_claims["exp"] - id_claims["iat"] == 3600
    assert jwt.get_unverified_header(auth["IdToken"]) == {
        "kid": jwt.get_unverified_header(auth["IdToken"])["kid"], "alg": "RS256"}


def test_wrong_password_unknown_user_and_client_settings(idp, pool):
    client = make_client(idp, pool)
    make_user(idp, pool)
    assert error_of(lambda: password_sign_in(idp, client, password="Wrong-pass1")) == (
        "NotAuthorizedException", "Incorrect username or password.")
    assert error_of(lambda: password_sign_in(idp, client, username="nobody")) == (
        "UserNotFoundException", "User does not exist.")
    hidden = make_client(idp, pool, PreventUserExistenceErrors="ENABLED")
    assert error_of(lambda: password_sign_in(idp, hidden, username="nobody")) == (
        "NotAuthorizedException", "Incorrect username or password.")
    srp_only = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="srp")["UserPoolClient"]
    assert error_of(lambda: password_sign_in(idp, srp_only)) == (
        "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client")
    assert error_of(lambda: idp.initiate_auth(
        ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice"})) == (
        "InvalidParameterException", "Missing required parameter PASSWORD")
    assert error_of(lambda: idp.initiate_auth(
        ClientId=client["ClientId"], AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD}))[0] == "InvalidParameterException"


def test_unconfirmed_disabled_and_reset_users_are_refused(idp, pool):
    client = make_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="carol", Password=PASSWORD)
    assert error_of(lambda: password_sign_in(idp, client, "carol")) == (
        "UserNotConfirmedException", "User is not confirmed.")
    # Before the password is checked, so the app can send the user to confirm their account
    # (aws/aws-sdk-js#4608): with SRP that is at the first step.
    assert error_of(lambda: password_sign_in(idp, client, "carol", "Wrong-Passw0rd!")) == (
        "UserNotConfirmedException", "User is not confirmed.")
    assert error_of(lambda: idp.initiate_auth(
        ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": "carol", "SRP_A": "ab" * 192})) == (
        "UserNotConfirmedException", "User is not confirmed.")
    make_user(idp, pool, "dave")
    idp.admin_disable_user(UserPoolId=pool["Id"], Username="dave")
    assert error_of(lambda: password_sign_in(idp, client, "dave")) == (
        "NotAuthorizedException", "User is disabled.")
    # AdminResetUserPassword needs a verified address to send the code to (as on AWS).
    make_user(idp, pool, "erin", email="erin@example.com", email_verified="true")
    idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="erin")
    assert error_of(lambda: password_sign_in(idp, client, "erin")) == (
        "PasswordResetRequiredException", "Password reset required for the user")


def test_secret_client_needs_secret_hash(idp, pool):
    client = make_client(idp, pool, GenerateSecret=True)
    make_user(idp, pool)
    code, message = error_of(lambda: password_sign_in(idp, client))
    assert code == "NotAuthorizedException" and "SECRET_HASH was not received" in message
    bad = idp.initiate_auth
    assert error_of(lambda: bad(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD,
                                                "SECRET_HASH": "AAAA"})) == (
        "NotAuthorizedException", f"Unable to verify secret hash for client {client['ClientId']}")
    ok = bad(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
             AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD,
                             "SECRET_HASH": secret_hash(client, "alice")})
    assert "AccessToken" in ok["AuthenticationResult"]
    # A refresh words a wrong hash its own way (as pycognito's users met it: its issue #196).
    refresh = ok["AuthenticationResult"]["RefreshToken"]
    assert error_of(lambda: bad(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                AuthParameters={"REFRESH_TOKEN": refresh,
                                                "SECRET_HASH": secret_hash(client, "bob")})) == (
        "NotAuthorizedException", f"SecretHash does not match for the client: {client['ClientId']}")
    assert "AccessToken" in bad(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                AuthParameters={"REFRESH_TOKEN": refresh, "SECRET_HASH":
                                                secret_hash(client, "alice")})["AuthenticationResult"]


def test_repeated_failures_lock_the_user(idp, pool):
    client = make_client(idp, pool)
    make_user(idp, pool)
    for _ in range(5):
        error_of(lambda: password_sign_in(idp, client, password="Wrong-pass1"))
    assert error_of(lambda: password_sign_in(idp, client)) == (
        "NotAuthorizedException", "Password attempts exceeded")


def test_admin_created_user_answers_new_password_required(idp, pool):
    client = make_client(idp, pool)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="frank", TemporaryPassword="Temp-pass1",
                          MessageAction="SUPPRESS")
    first = idp.admin_initiate_auth(
        UserPoolId=pool["Id"], ClientId=client["ClientId"], AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "frank", "PASSWORD": "Temp-pass1"})
    assert first["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert first["ChallengeParameters"]["USER_ID_FOR_SRP"] == "frank"
    assert json.loads(first["ChallengeParameters"]["requiredAttributes"]) == []
    respond = lambda password: idp.admin_respond_to_auth_challenge(  # noqa: E731
        UserPoolId=pool["Id"], ClientId=client["ClientId"], ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=first["Session"], ChallengeResponses={"USERNAME": "frank", "NEW_PASSWORD": password})
    code, _ = error_of(lambda: respond("short"))
    assert code == "InvalidPasswordException"
    done = respond("Perm-pass1")
    assert "IdToken" in done["AuthenticationResult"]
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="frank")["UserStatus"] == "CONFIRMED"
    assert error_of(lambda: respond("Perm-pass2")) == (
        "NotAuthorizedException", "Invalid session for the user, session can only be used once.")


# -- SRP ----------------------------------------------------------------------------------

def test_pycognito_srp_with_and_without_client_secret(idp, pool):
    public = make_client(idp, pool)
    secret = make_client(idp, pool, GenerateSecret=True)
    make_user(idp, pool)
    for client in (public, secret):
        srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool["Id"],
                     client_id=client["ClientId"], client_secret=client.get("ClientSecret"),
                     client=idp)
        tokens = srp.authenticate_user()["AuthenticationResult"]
        assert jwt.decode(tokens["AccessToken"], options={"verify_signature": False})["username"] == "alice"
        wrong = AWSSRP(username="alice", password="Wrong-pass1", pool_id=pool["Id"],
                       client_id=client["ClientId"], client_secret=client.get("ClientSecret"),
                       client=idp)
        with pytest.raises(Exception) as info:
            wrong.authenticate_user()
        assert info.value.response["Error"]["Code"] == "NotAuthorizedException"


def test_srp_proofs_aws_would_not_accept_are_a_wrong_password(idp, pool):
    # As measured on AWS (ministack PR #1758): an altered SECRET_BLOCK or a TIMESTAMP with
    # the wrong weekday is "Incorrect username or password.", and a sub is no USERNAME.
    client = make_client(idp, pool)
    make_user(idp, pool)
    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool["Id"],
                 client_id=client["ClientId"], client=idp)

    def answer(change):
        auth = srp.get_auth_params()
        challenge = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH",
                                      AuthParameters=auth)
        responses = change(srp.process_challenge(challenge["ChallengeParameters"], auth))
        return idp.respond_to_auth_challenge(ClientId=client["ClientId"],
                                             ChallengeName="PASSWORD_VERIFIER",
                                             ChallengeResponses=responses)

    def other_block(responses):
        block = bytearray(base64.b64decode(responses["PASSWORD_CLAIM_SECRET_BLOCK"]))
        block[7] ^= 1
        return {**responses, "PASSWORD_CLAIM_SECRET_BLOCK": base64.b64encode(block).decode()}

    assert "AuthenticationResult" in answer(lambda responses: responses)
    assert error_of(lambda: answer(other_block)) == (
        "NotAuthorizedException", "Incorrect username or password.")

    def other_weekday(when):
        # A client that writes (and signs) the wrong weekday: AWS checks the canonical form.
        day, rest = AWSSRP.get_cognito_formatted_timestamp(when).split(" ", 1)
        days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return f"{days[(days.index(day) + 1) % 7]} {rest}"

    srp.get_cognito_formatted_timestamp = other_weekday
    assert error_of(lambda: answer(lambda responses: responses)) == (
        "NotAuthorizedException", "Incorrect username or password.")
    sub = idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")["UserAttributes"]
    sub = next(a["Value"] for a in sub if a["Name"] == "sub")
    assert error_of(lambda: idp.initiate_auth(
        ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": sub, "SRP_A": srp.get_auth_params()["SRP_A"]})) == (
        "UserNotFoundException", "User does not exist.")


def test_srp_answers_as_measured_on_aws(idp, pool):
    # ministack's test_cognito.py records these as measured on a real user pool.
    client = make_client(idp, pool)
    make_user(idp, pool)
    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool["Id"],
                 client_id=client["ClientId"], client=idp)

    def challenge():
        auth = srp.get_auth_params()
        started = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH",
                                    AuthParameters=auth)
        return srp.process_challenge(started["ChallengeParameters"], auth)

    def respond(responses):
        return idp.respond_to_auth_challenge(ClientId=client["ClientId"],
                                             ChallengeName="PASSWORD_VERIFIER",
                                             ChallengeResponses=responses)

    # A TIMESTAMP in another form of the same time is read; the proof is over the canonical one.
    for variant in (lambda t: t.replace(" UTC ", " GMT "), lambda t: t.lower().replace(
            " utc ", " UTC "), lambda t: " ".join(p.zfill(2) if p.isdigit() and len(p) < 2
                                                   else p for p in t.split(" "))):
        responses = challenge()
        assert "AuthenticationResult" in respond(
            {**responses, "TIMESTAMP": variant(responses["TIMESTAMP"])})
    responses = challenge()
    assert error_of(lambda: respond({**responses, "TIMESTAMP": responses["TIMESTAMP"].replace(
        " UTC ", " utc ")})) == ("InvalidParameterException", (
            "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."))
    assert error_of(lambda: respond({**responses, "PASSWORD_CLAIM_SIGNATURE": "not!base64"})) == (
        "InvalidParameterException",
        "Invalid PASSWORD_CLAIM_SIGNATURE format. Must be a Base64 string.")
    # Several missing: USERNAME, then TIMESTAMP, then the signature, then the secret block.
    missing = {k: v for k, v in responses.items()
               if k not in ("TIMESTAMP", "PASSWORD_CLAIM_SIGNATURE")}
    assert error_of(lambda: respond(missing)) == (
        "InvalidParameterException", "Missing required parameter TIMESTAMP")
    assert error_of(lambda: respond({})) == (
        "InvalidParameterException", "Missing required parameter challenge responses.")
    assert error_of(lambda: idp.initiate_auth(
        ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": "alice", "SRP_A": "zzz-not-hex"})) == (
        "InvalidParameterException",
        "1 validation error detected: Value 'zzz-not-hex' at 'sRPA' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: ^[0-9a-fA-F]+$")
    # A reset password is told after the proof: a wrong one is only a wrong password.
    make_user(idp, pool, "rita", email="rita@example.com", email_verified="true")
    idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="rita")
    for password, refusal in (("Wrong-pass1", "NotAuthorizedException"),
                              (PASSWORD, "PasswordResetRequiredException")):
        rita = AWSSRP(username="rita", password=password, pool_id=pool["Id"],
                      client_id=client["ClientId"], client=idp)
        assert error_of(rita.authenticate_user)[0] == refusal


def test_amazon_cognito_identity_js_srp_and_aws_jwt_verify(idp, pool, cognito_url, node_clients):
    client = make_client(idp, pool)
    make_user(idp, pool)
    ok = run_node("srp_sign_in.js", cognito_url, pool["Id"], client["ClientId"], "alice", PASSWORD)
    assert ok["ok"], ok
    wrong = run_node("srp_sign_in.js", cognito_url, pool["Id"], client["ClientId"], "alice",
                     "Wrong-pass1")
    assert wrong == {"ok": False, "code": "NotAuthorizedException",
                     "message": "Incorrect username or password."}

    issuer = jwt.decode(ok["accessToken"], options={"verify_signature": False})["iss"]
    jwks_uri = f"{cognito_url}/{pool['Id']}/.well-known/jwks.json"
    for token, use in ((ok["idToken"], "id"), (ok["accessToken"], "access")):
        verified = run_node("verify_jwt.js", issuer, jwks_uri, token, use, client["ClientId"])
        assert verified["ok"], verified
        assert verified["payload"]["token_use"] == use
    tampered = ok["accessToken"][:-4] + ("AAAA" if not ok["accessToken"].endswith("AAAA") else "BBBB")
    refused = run_node("verify_jwt.js", issuer, jwks_uri, tampered, "access", client["ClientId"])
    assert not refused["ok"]


def test_amazon_cognito_identity_js_new_password_required(idp, pool, cognito_url, node_clients):
    client = make_client(idp, pool)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="gina", TemporaryPassword="Temp-pass1",
                          MessageAction="SUPPRESS")
    done = run_node("srp_sign_in.js", cognito_url, pool["Id"], client["ClientId"], "gina",
                    "Temp-pass1", "Perm-pass1")
    assert done["ok"], done
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="gina")["UserStatus"] == "CONFIRMED"


# -- tokens against the published keys ----------------------------------------------------

def test_tokens_verify_with_pyjwt_via_discovery(idp, pool, cognito_url):
    client = make_client(idp, pool)
    make_user(idp, pool)
    auth = password_sign_in(idp, client)["AuthenticationResult"]
    issuer = jwt.decode(auth["IdToken"], options={"verify_signature": False})["iss"]
    discovery_url = f"{cognito_url}/{pool['Id']}/.well-known/openid-configuration"
    config = requests.get(discovery_url).json()
    assert config["issuer"] == issuer
    jwks_uri = config["jwks_uri"].replace(issuer.rsplit("/", 1)[0], cognito_url)
    keys = jwt.PyJWKClient(jwks_uri)
    id_claims = jwt.decode(auth["IdToken"], keys.get_signing_key_from_jwt(auth["IdToken"]).key,
                           algorithms=["RS256"], audience=client["ClientId"], issuer=issuer)
    access = jwt.decode(auth["AccessToken"],
                        keys.get_signing_key_from_jwt(auth["AccessToken"]).key,
                        algorithms=["RS256"], issuer=issuer)
    assert id_claims["sub"] == access["sub"]
    assert jwt.get_unverified_header(auth["IdToken"])["kid"] != \
        jwt.get_unverified_header(auth["AccessToken"])["kid"]


# -- refresh, revocation, sign-out --------------------------------------------------------

def test_refresh_then_revoke_then_global_sign_out(idp, pool):
    client = make_client(idp, pool)
    make_user(idp, pool)
    auth = password_sign_in(idp, client)["AuthenticationResult"]
    refreshed = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                  AuthParameters={"REFRESH_TOKEN": auth["RefreshToken"]})
    new = refreshed["AuthenticationResult"]
    assert "RefreshToken" not in new
    old_claims = jwt.decode(auth["IdToken"], options={"verify_signature": False})
    new_claims = jwt.decode(new["IdToken"], options={"verify_signature": False})
    assert new_claims["auth_time"] == old_claims["auth_time"]
    assert new_claims["origin_jti"] == old_claims["origin_jti"]
    assert new_claims["jti"] != old_claims["jti"]
    assert idp.get_user(AccessToken=new["AccessToken"])["Username"] == "alice"

    idp.revoke_token(Token=auth["RefreshToken"], ClientId=client["ClientId"])
    assert error_of(lambda: idp.get_user(AccessToken=new["AccessToken"])) == (
        "NotAuthorizedException", "Access Token has been revoked")
    assert error_of(lambda: idp.initiate_auth(
        ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": auth["RefreshToken"]}))[0] == "NotAuthorizedException"

    second = password_sign_in(idp, client)["AuthenticationResult"]
    idp.global_sign_out(AccessToken=second["AccessToken"])
    assert error_of(lambda: idp.get_user(AccessToken=second["AccessToken"]))[0] == \
        "NotAuthorizedException"
    assert error_of(lambda: idp.initiate_auth(
        ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": second["RefreshToken"]}))[0] == "NotAuthorizedException"


def test_refresh_token_rotation(idp, pool):
    client = make_client(idp, pool, RefreshTokenRotation={"Feature": "ENABLED",
                                                          "RetryGracePeriodSeconds": 0})
    make_user(idp, pool)
    auth = password_sign_in(idp, client)["AuthenticationResult"]
    rotated = idp.get_tokens_from_refresh_token(RefreshToken=auth["RefreshToken"],
                                                ClientId=client["ClientId"])
    new_refresh = rotated["AuthenticationResult"]["RefreshToken"]
    assert new_refresh != auth["RefreshToken"]
    code, _ = error_of(lambda: idp.get_tokens_from_refresh_token(
        RefreshToken=auth["RefreshToken"], ClientId=client["ClientId"]))
    assert code == "RefreshTokenReuseException"
    again = idp.get_tokens_from_refresh_token(RefreshToken=new_refresh, ClientId=client["ClientId"])
    assert "AccessToken" in again["AuthenticationResult"]


# -- forged tokens ------------------------------------------------------------------------

def _b64(obj) -> str:
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_get_user_refuses_forged_tokens(idp, pool, cognito_url):
    client = make_client(idp, pool)
    make_user(idp, pool)
    auth = password_sign_in(idp, client)["AuthenticationResult"]
    access = auth["AccessToken"]
    header, payload, signature = access.split(".")
    claims = jwt.decode(access, options={"verify_signature": False})
    jwks = requests.get(f"{cognito_url}/{pool['Id']}/.well-known/jwks.json").json()
    public_pem = jwt.PyJWK(jwks["keys"][0]).key.public_bytes(
        encoding=Encoding.PEM, format=PublicFormat.SubjectPublicKeyInfo)
    other_pool = idp.create_user_pool(PoolName="other")["UserPool"]
    other_client = make_client(idp, other_pool)
    make_user(idp, other_pool)
    other_access = password_sign_in(idp, other_client)["AuthenticationResult"]["AccessToken"]

    forged = {
        "bad signature": f"{header}.{_b64({**claims, 'username': 'mallory'})}.{signature}",
        "alg none": f"{_b64({'alg': 'none', 'kid': jwt.get_unverified_header(access)['kid']})}."
                    f"{payload}.",
        "HS256 with the public key": _hs256(claims, public_pem),
        "unknown kid": f"{_b64({'kid': 'AAAA', 'alg': 'RS256'})}.{payload}.{signature}",
        "expired": f"{header}.{_b64({**claims, 'exp': 1000})}.{signature}",
        "id token": auth["IdToken"],
        "truncated": access[:-10],
        "garbage": "not-a-token",
    }
    for name, token in forged.items():
        code, _ = error_of(lambda: idp.get_user(AccessToken=token))
        assert code == "NotAuthorizedException", name
    # Another pool's valid token names another user: it must not reach this pool's user.
    other_user = idp.get_user(AccessToken=other_access)
    assert other_user["Username"] == "alice"
    idp.delete_user_pool(UserPoolId=other_pool["Id"])
    code, _ = error_of(lambda: idp.get_user(AccessToken=other_access))
    assert code in ("NotAuthorizedException", "ResourceNotFoundException")


def _hs256(claims, key: bytes) -> str:
    header = _b64({"alg": "HS256", "typ": "JWT"})
    body = _b64(claims)
    sig = hmac.new(key, f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{base64.urlsafe_b64encode(sig).rstrip(b'=').decode()}"


# -- the token operations -----------------------------------------------------------------

def test_token_operations_change_the_signed_in_user(idp, pool, cognito_server):
    client = make_client(idp, pool)
    make_user(idp, pool, email="alice@example.com")
    access = password_sign_in(idp, client)["AuthenticationResult"]["AccessToken"]
    me = idp.get_user(AccessToken=access)
    assert me["Username"] == "alice"
    assert {"Name": "email", "Value": "alice@example.com"} in me["UserAttributes"]

    idp.update_user_attributes(AccessToken=access,
                               UserAttributes=[{"Name": "name", "Value": "Alice A"}])
    names = {a["Name"]: a["Value"] for a in idp.get_user(AccessToken=access)["UserAttributes"]}
    assert names["name"] == "Alice A"
    idp.delete_user_attributes(AccessToken=access, UserAttributeNames=["name"])
    names = {a["Name"] for a in idp.get_user(AccessToken=access)["UserAttributes"]}
    assert "name" not in names

    assert error_of(lambda: idp.change_password(
        AccessToken=access, PreviousPassword="Wrong-pass1", ProposedPassword="New-pass11"))[0] == \
        "NotAuthorizedException"
    idp.change_password(AccessToken=access, PreviousPassword=PASSWORD, ProposedPassword="New-pass11")
    assert "AuthenticationResult" in password_sign_in(idp, client, password="New-pass11")

    sent = idp.get_user_attribute_verification_code(AccessToken=access, AttributeName="email")
    assert sent["CodeDeliveryDetails"]["AttributeName"] == "email"
    messages = requests.get(cognito_server.url + "/_cfn_cognito/messages").json()["messages"]
    code = [m for m in messages if m.get("username") == "alice"][-1]["code"]
    assert error_of(lambda: idp.verify_user_attribute(
        AccessToken=access, AttributeName="email", Code="000000" if code != "000000" else "111111"
    ))[0] == "CodeMismatchException"
    idp.verify_user_attribute(AccessToken=access, AttributeName="email", Code=code)
    verified = {a["Name"]: a["Value"] for a in idp.get_user(AccessToken=access)["UserAttributes"]}
    assert verified["email_verified"] == "true"

    idp.delete_user(AccessToken=access)
    assert error_of(lambda: idp.admin_get_user(UserPoolId=pool["Id"], Username="alice"))[0] == \
        "UserNotFoundException"


def test_admin_global_sign_out_stops_refresh(idp, pool):
    client = make_client(idp, pool)
    make_user(idp, pool)
    auth = password_sign_in(idp, client)["AuthenticationResult"]
    idp.admin_user_global_sign_out(UserPoolId=pool["Id"], Username="alice")
    assert error_of(lambda: idp.initiate_auth(
        ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": auth["RefreshToken"]})) == (
        "NotAuthorizedException", "Refresh Token has been revoked")


def test_a_refresh_token_refused_for_another_client_or_a_deleted_user(idp, pool):
    # AWS's words: aws/aws-sdk-js#4016 (another client, since 2022) and the message client
    # code matches for a deleted user.
    client, other = make_client(idp, pool), make_client(idp, pool)
    make_user(idp, pool)
    refresh = password_sign_in(idp, client)["AuthenticationResult"]["RefreshToken"]

    def renew(app):
        return idp.initiate_auth(ClientId=app["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                 AuthParameters={"REFRESH_TOKEN": refresh})

    assert error_of(lambda: renew(other)) == (
        "NotAuthorizedException", "Refresh Token has different Client")
    assert "AccessToken" in renew(client)["AuthenticationResult"]
    idp.admin_delete_user(UserPoolId=pool["Id"], Username="alice")
    assert error_of(lambda: renew(client)) == (
        "NotAuthorizedException", "The user has been deleted for the associated refresh token")
