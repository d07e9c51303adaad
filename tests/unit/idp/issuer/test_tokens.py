"""Signing keys, ID/access tokens, their verification, and refresh tokens."""

import base64
import hashlib
import hmac
import json
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.idp.appclients import clients
from cfn_cognito.idp.issuer import keys
from cfn_cognito.idp.userpools import pools
from cfn_cognito.idp.issuer import refresh_tokens
from cfn_cognito.idp.issuer import tokens
from cfn_cognito.idp.errors import (
    NotAuthorizedException,
    RefreshTokenReuseException,
    ResourceNotFoundException,
)
from cfn_cognito.idp.issuer.tokens import TokenSubject
from cfn_cognito.store import open_store

SETTINGS = Settings(port=4566)
START = 1_700_000_000.25
ALICE = TokenSubject(
    username="alice",
    sub="5f0c7a52-1c4e-4bd0-9b7e-0c1d2e3f4a5b",
    attributes=[
        {"Name": "sub", "Value": "5f0c7a52-1c4e-4bd0-9b7e-0c1d2e3f4a5b"},
        {"Name": "email", "Value": "alice@example.com"},
        {"Name": "email_verified", "Value": "true"},
        {"Name": "phone_number_verified", "Value": "false"},
        {"Name": "name", "Value": "Alice"},
        {"Name": "nickname", "Value": ""},
        {"Name": "custom:tier", "Value": "3"},
        {"Name": "dev:custom:secret", "Value": "hidden"},
    ],
)


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("tokens")
    store = open_store(data_dir)
    yield store
    store.close()


@pytest.fixture
def clock():
    return Clock(START)


@pytest.fixture
def ctx(store, clock):
    return Context(settings=SETTINGS, store=store, clock=clock)


def _new_pool(ctx, **client_settings):
    pool = pools.create_user_pool(ctx, {
        "PoolName": "tokens",
        "Schema": [{"Name": "tier", "AttributeDataType": "Number"},
                   {"Name": "secret", "AttributeDataType": "String",
                    "DeveloperOnlyAttribute": True}],
    })["UserPool"]
    client = clients.create_user_pool_client(
        ctx, {"UserPoolId": pool["Id"], "ClientName": "app", **client_settings})["UserPoolClient"]
    return pool, client


@pytest.fixture(scope="module")
def pool_and_client(store):
    return _new_pool(Context(settings=SETTINGS, store=store, clock=Clock(START)),
                     AccessTokenValidity=30, IdTokenValidity=15, RefreshTokenValidity=2,
                     TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes",
                                         "RefreshToken": "hours"})


@pytest.fixture
def pool(pool_and_client):
    return pool_and_client[0]


@pytest.fixture
def client(pool_and_client):
    return pool_and_client[1]


def _sign_in(ctx, pool, client, subject=ALICE, groups=("admins", "staff"), **kwargs):
    return tokens.sign_in(ctx, pool, client, subject, groups=list(groups), **kwargs)


def _segments(token):
    def decode(part):
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    header, payload, _ = token.split(".")
    return decode(header), json.loads(decode(payload))


def _not_authorized(message):
    return pytest.raises(NotAuthorizedException, match=f"^{message}$")


# --- signing keys and JWKS --------------------------------------------------------------

def test_jwks_has_two_rs256_keys_shaped_as_awss(ctx, pool):
    jwks = keys.jwks(ctx, pool["Id"])
    assert len(jwks["keys"]) == 2
    for jwk in jwks["keys"]:
        assert list(jwk) == ["alg", "e", "kid", "kty", "n", "use"]
        assert (jwk["alg"], jwk["e"], jwk["kty"], jwk["use"]) == ("RS256", "AQAB", "RSA", "sig")
        assert len(jwk["kid"]) == 44 and len(base64.b64decode(jwk["kid"])) == 32
        n = base64.urlsafe_b64decode(jwk["n"] + "==")
        assert len(n) * 8 == 2048
    assert jwks["keys"][0]["kid"] != jwks["keys"][1]["kid"]


def test_id_and_access_tokens_are_signed_by_different_keys_of_the_jwks(ctx, pool, client):
    result = _sign_in(ctx, pool, client)
    kids = [k["kid"] for k in keys.jwks(ctx, pool["Id"])["keys"]]
    id_kid = jwt.get_unverified_header(result["IdToken"])["kid"]
    access_kid = jwt.get_unverified_header(result["AccessToken"])["kid"]
    assert id_kid != access_kid and {id_kid, access_kid} == set(kids)


def test_keys_survive_a_restart_and_old_tokens_still_verify(ctx, pool, client, clock):
    result = _sign_in(ctx, pool, client)
    before = keys.jwks(ctx, pool["Id"])
    reopened = open_store(ctx.store.data_dir)
    try:
        ctx2 = Context(settings=SETTINGS, store=reopened, clock=clock)
        assert keys.jwks(ctx2, pool["Id"]) == before
        claims = tokens.verify_access_token(ctx2, result["AccessToken"], pool_id=pool["Id"])
        assert claims["username"] == "alice"
    finally:
        reopened.close()


def test_processes_racing_to_create_a_pools_keys_agree(ctx):
    pool, _ = _new_pool(ctx)
    script = textwrap.dedent(f"""
        from cfn_cognito.config import Settings
        from cfn_cognito.context import Context
        from cfn_cognito.idp.issuer import keys
        from cfn_cognito.store import open_store
        ctx = Context(settings=Settings(), store=open_store({str(ctx.store.data_dir)!r}))
        print(sorted(k["kid"] for k in keys.jwks(ctx, {pool["Id"]!r})["keys"]))
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
             for _ in range(3)]
    outputs = {p.communicate(timeout=60)[0] for p in procs}
    assert all(p.returncode == 0 for p in procs)
    assert outputs == {str(sorted(k["kid"] for k in keys.jwks(ctx, pool["Id"])["keys"])) + "\n"}


def test_threads_racing_to_create_a_pools_keys_agree(ctx):
    pool, _ = _new_pool(ctx)
    with ThreadPoolExecutor(4) as pool_of_threads:
        results = list(pool_of_threads.map(lambda _: keys.jwks(ctx, pool["Id"]), range(4)))
    assert all(r == results[0] for r in results)
    stored = ctx.store.keys.get(pool["Id"])
    assert len(stored) == 2
    assert {kid for _, kid, _ in stored} == {k["kid"] for k in results[0]["keys"]}


def test_keys_are_deleted_with_the_pool(ctx):
    pool, client = _new_pool(ctx)
    result = _sign_in(ctx, pool, client)
    pools.delete_user_pool(ctx, {"UserPoolId": pool["Id"]})
    assert ctx.store.keys.get(pool["Id"]) == []
    with pytest.raises(ResourceNotFoundException, match=f"User pool {pool['Id']} does not exist."):
        keys.jwks(ctx, pool["Id"])
    with _not_authorized("Invalid Access Token"):
        tokens.verify_access_token(ctx, result["AccessToken"])


def test_an_unknown_pool_has_no_keys_and_none_are_made_for_it(ctx):
    with pytest.raises(ResourceNotFoundException):
        keys.jwks(ctx, "us-east-1_NoSuchPool")
    assert keys.find_key(ctx, "us-east-1_NoSuchPool", "x") is None
    assert ctx.store.keys.get("us-east-1_NoSuchPool") == []


# --- issuing -----------------------------------------------------------------------------

def test_the_header_is_exactly_kid_then_alg(ctx, pool, client):
    result = _sign_in(ctx, pool, client)
    for token in (result["AccessToken"], result["IdToken"]):
        header, _ = _segments(token)
        kid = json.loads(header)["kid"]
        assert header == b'{"kid":"' + kid.replace("/", "\\/").encode() + b'","alg":"RS256"}'


def test_the_authentication_result_is_shaped_as_awss(ctx, pool, client):
    result = _sign_in(ctx, pool, client)
    assert list(result) == ["AccessToken", "ExpiresIn", "TokenType", "RefreshToken", "IdToken"]
    assert result["ExpiresIn"] == 30 * 60
    assert result["TokenType"] == "Bearer"
    without = _sign_in(ctx, pool, client, with_refresh_token=False)
    assert list(without) == ["AccessToken", "ExpiresIn", "TokenType", "IdToken"]


def test_access_token_claims_in_awss_order(ctx, pool, client):
    _, claims = _segments(_sign_in(ctx, pool, client)["AccessToken"])
    assert list(claims) == ["sub", "cognito:groups", "iss", "client_id", "origin_jti",
                            "event_id", "token_use", "scope", "auth_time", "exp", "iat", "jti",
                            "username"]
    assert claims["sub"] == ALICE.sub
    assert claims["cognito:groups"] == ["admins", "staff"]
    assert claims["iss"] == f"http://localhost:4566/{pool['Id']}"
    assert claims["client_id"] == client["ClientId"]
    assert claims["token_use"] == "access"
    assert claims["scope"] == "aws.cognito.signin.user.admin"
    assert claims["auth_time"] == claims["iat"] == int(START)
    assert claims["exp"] == claims["iat"] + 30 * 60
    assert claims["username"] == "alice"
    assert "aud" not in claims


def test_id_token_claims_in_awss_order_with_typed_attributes(ctx, pool, client):
    result = _sign_in(ctx, pool, client)
    _, claims = _segments(result["IdToken"])
    assert list(claims) == ["sub", "cognito:groups", "iss", "cognito:username", "origin_jti",
                            "aud", "event_id", "token_use", "auth_time", "exp", "custom:tier",
                            "iat", "jti", "email", "email_verified", "phone_number_verified",
                            "name"]
    assert claims["aud"] == client["ClientId"]
    assert claims["cognito:username"] == "alice"
    assert claims["token_use"] == "id"
    assert claims["exp"] == claims["iat"] + 15 * 60
    assert claims["email_verified"] is True
    assert claims["phone_number_verified"] is False
    assert claims["custom:tier"] == "3"
    _, access = _segments(result["AccessToken"])
    assert (claims["origin_jti"], claims["event_id"]) == (access["origin_jti"], access["event_id"])
    assert claims["jti"] != access["jti"]


def test_groups_are_left_out_when_the_user_has_none(ctx, pool, client):
    result = _sign_in(ctx, pool, client, groups=())
    assert "cognito:groups" not in _segments(result["AccessToken"])[1]
    assert "cognito:groups" not in _segments(result["IdToken"])[1]


def test_the_id_token_holds_only_the_clients_read_attributes(ctx, pool):
    reader = clients.create_user_pool_client(ctx, {
        "UserPoolId": pool["Id"], "ClientName": "reader",
        "ReadAttributes": ["email", "custom:tier"]})["UserPoolClient"]
    _, claims = _segments(_sign_in(ctx, pool, reader)["IdToken"])
    assert "email" in claims and "custom:tier" in claims
    assert not {"email_verified", "name", "phone_number_verified"} & set(claims)


def test_scopes_nonce_and_extra_claims_go_where_they_belong(ctx, pool, client):
    result = _sign_in(ctx, pool, client, scopes=["openid", "email"], nonce="n-0S6",
                      extra_id_claims={"custom:role": "admin"})
    access, id_claims = (_segments(result[k])[1] for k in ("AccessToken", "IdToken"))
    assert access["scope"] == "openid email"
    assert id_claims["nonce"] == "n-0S6" and "nonce" not in access
    assert id_claims["custom:role"] == "admin" and "custom:role" not in access


def test_tokens_verify_with_pyjwt_against_the_published_jwks(ctx, pool, client):
    result = _sign_in(ctx, pool, client)
    by_kid = {k["kid"]: jwt.PyJWK(k) for k in keys.jwks(ctx, pool["Id"])["keys"]}
    for token, aud in ((result["AccessToken"], None), (result["IdToken"], client["ClientId"])):
        key = by_kid[jwt.get_unverified_header(token)["kid"]]
        claims = jwt.decode(token, key, algorithms=["RS256"], audience=aud,
                            issuer=f"http://localhost:4566/{pool['Id']}",
                            options={"verify_exp": False})
        assert claims["sub"] == ALICE.sub


# --- verifying ---------------------------------------------------------------------------

def test_a_valid_access_token_gives_its_claims(ctx, pool, client):
    token = _sign_in(ctx, pool, client)["AccessToken"]
    claims = tokens.verify_access_token(ctx, token, pool_id=pool["Id"],
                                        required_scope=tokens.ADMIN_SCOPE)
    assert (claims["username"], claims["token_use"]) == ("alice", "access")


def test_an_access_token_without_the_scope_is_refused(ctx, pool, client):
    token = _sign_in(ctx, pool, client, scopes=["openid"])["AccessToken"]
    with _not_authorized("Access Token does not have required scopes"):
        tokens.verify_access_token(ctx, token, required_scope=tokens.ADMIN_SCOPE)


def test_an_expired_access_token_is_refused(ctx, pool, client, clock):
    token = _sign_in(ctx, pool, client)["AccessToken"]
    clock.now = int(START) + 30 * 60 - 0.5
    tokens.verify_access_token(ctx, token)
    clock.now = int(START) + 30 * 60
    with _not_authorized("Access Token has expired"):
        tokens.verify_access_token(ctx, token)


def _public_pem(ctx, pool_id):
    return keys.signing_key(ctx, pool_id, keys.ACCESS).public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _raw_jwt(header: dict, claims: dict, sign) -> str:
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    return f"{signing_input}.{_b64(sign(signing_input.encode()))}"


def _forgeries(ctx, pool, client, other_pool, other_client):
    token = _sign_in(ctx, pool, client)["AccessToken"]
    head, body, sig = token.split(".")
    header, claims = json.loads(_segments(token)[0]), _segments(token)[1]
    flipped = sig[:10] + ("A" if sig[10] != "A" else "B") + sig[11:]
    richer = dict(claims, scope="aws.cognito.signin.user.admin admin:all")
    pem = _public_pem(ctx, pool["Id"])
    other_key = keys.signing_key(ctx, other_pool["Id"], keys.ACCESS)
    other_token = _sign_in(ctx, other_pool, other_client)["AccessToken"]
    return {
        "bad signature": f"{head}.{body}.{flipped}",
        "changed claims": f"{head}.{_b64(json.dumps(richer).encode())}.{sig}",
        "alg none": _raw_jwt({"kid": header["kid"], "alg": "none"}, claims, lambda _: b""),
        "HS256 keyed with the public key": _raw_jwt(
            {"kid": header["kid"], "alg": "HS256"}, claims,
            lambda data: hmac.new(pem, data, hashlib.sha256).digest()),
        "unknown kid": tokens.sign(keys.SigningKey(
            keys.ACCESS, "A" * 43 + "=", other_key.private_key, other_key.public_key, {}), claims),
        "our iss, another pool's key": tokens.sign(other_key, claims),
        "ID token": _sign_in(ctx, pool, client)["IdToken"],
        "access token signed with the ID key": tokens.sign(
            keys.signing_key(ctx, pool["Id"], keys.ID), claims),
        "another issuer": tokens.sign(
            keys.signing_key(ctx, pool["Id"], keys.ACCESS),
            dict(claims, iss="https://cognito-idp.example/" + pool["Id"])),
        "another pool's token": other_token,
        "truncated": token[:-20],
        "two segments": f"{head}.{body}",
        "garbage": "not-a-token",
        "empty": "",
        "refresh token": _sign_in(ctx, pool, client)["RefreshToken"],
    }


def test_forged_and_foreign_tokens_are_refused(ctx, pool, client):
    other_pool, other_client = _new_pool(ctx)
    for name, forged in _forgeries(ctx, pool, client, other_pool, other_client).items():
        with _not_authorized("Invalid Access Token"):
            tokens.verify_access_token(ctx, forged, pool_id=pool["Id"])
            pytest.fail(f"accepted: {name}")


def test_an_access_token_where_an_id_token_is_due_is_refused(ctx, pool, client):
    result = _sign_in(ctx, pool, client)
    assert tokens.verify_id_token(ctx, result["IdToken"], client_id=client["ClientId"])
    with _not_authorized("Invalid ID Token"):
        tokens.verify_id_token(ctx, result["AccessToken"])
    with _not_authorized("Invalid ID Token"):
        tokens.verify_id_token(ctx, result["IdToken"], client_id="another-client")


def test_a_token_accepted_once_is_checked_in_full_on_every_use(ctx, pool, client, clock):
    # The signature check of a token seen before is remembered; nothing else is.
    own_pool, own_client = _new_pool(ctx)
    result = _sign_in(ctx, own_pool, own_client)
    token = result["AccessToken"]
    claims = tokens.verify_access_token(ctx, token, pool_id=own_pool["Id"])
    claims["username"] = "mallory"
    assert tokens.verify_access_token(ctx, token)["username"] == "alice"
    with _not_authorized("Invalid Access Token"):
        tokens.verify_access_token(ctx, token, pool_id=pool["Id"])
    with _not_authorized("Invalid ID Token"):
        tokens.verify_id_token(ctx, token)
    other_port = Context(settings=Settings(port=4567), store=ctx.store, clock=clock)
    with _not_authorized("Invalid Access Token"):
        tokens.verify_access_token(other_port, token)
    clock.now = int(START) + 3600
    with _not_authorized("Access Token has expired"):
        tokens.verify_access_token(ctx, token)
    clock.now = START
    refresh_tokens.revoke(ctx, refresh_tokens.lookup(ctx, result["RefreshToken"],
                                                     own_client["ClientId"]))
    with _not_authorized("Access Token has been revoked"):
        tokens.verify_access_token(ctx, token)
    second = _sign_in(ctx, own_pool, own_client)["AccessToken"]
    tokens.verify_access_token(ctx, second)
    pools.delete_user_pool(ctx, {"UserPoolId": own_pool["Id"]})
    with _not_authorized("Invalid Access Token"):
        tokens.verify_access_token(ctx, second)


def test_revoking_a_refresh_token_revokes_its_access_tokens(ctx, pool, client):
    first, second = _sign_in(ctx, pool, client), _sign_in(ctx, pool, client)
    refresh_tokens.revoke(ctx, refresh_tokens.lookup(ctx, first["RefreshToken"],
                                                     client["ClientId"]))
    with _not_authorized("Access Token has been revoked"):
        tokens.verify_access_token(ctx, first["AccessToken"])
    with _not_authorized("Refresh Token has been revoked"):
        refresh_tokens.lookup(ctx, first["RefreshToken"], client["ClientId"])
    # Another sign-in of the same user is untouched.
    tokens.verify_access_token(ctx, second["AccessToken"])
    refresh_tokens.lookup(ctx, second["RefreshToken"], client["ClientId"])


def test_global_sign_out_revokes_everything_issued_before_it(ctx, pool, client, clock):
    bob = TokenSubject("bob", "0b0b0b0b-1c4e-4bd0-9b7e-0c1d2e3f4a5b", [])
    old = _sign_in(ctx, pool, client, subject=bob)
    implicit = _sign_in(ctx, pool, client, subject=bob, with_refresh_token=False)
    clock.now += 5
    alice = _sign_in(ctx, pool, client)
    refresh_tokens.revoke_all_for_user(ctx, pool["Id"], bob.sub)
    for token in (old["AccessToken"], implicit["AccessToken"]):
        with _not_authorized("Access Token has been revoked"):
            tokens.verify_access_token(ctx, token)
    with _not_authorized("Refresh Token has been revoked"):
        refresh_tokens.lookup(ctx, old["RefreshToken"], client["ClientId"])
    tokens.verify_access_token(ctx, alice["AccessToken"])
    # Signing in again in the very same second works.
    again = _sign_in(ctx, pool, client, subject=bob)
    tokens.verify_access_token(ctx, again["AccessToken"])
    refresh_tokens.lookup(ctx, again["RefreshToken"], client["ClientId"])


# --- refresh tokens ----------------------------------------------------------------------

def test_refresh_tokens_are_shaped_as_awss(ctx, pool, client):
    token = _sign_in(ctx, pool, client)["RefreshToken"]
    parts = token.split(".")
    assert parts[0] == "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ"
    decoded = [base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)) for p in parts]
    assert json.loads(decoded[0]) == {"cty": "JWT", "enc": "A256GCM", "alg": "RSA-OAEP"}
    assert [len(d) for d in decoded[1:]] == [256, 12, 1024, 16]
    assert token != _sign_in(ctx, pool, client)["RefreshToken"]


def test_refresh_tokens_are_stored_only_as_a_hash(ctx, pool, client):
    token = _sign_in(ctx, pool, client)["RefreshToken"]
    record = refresh_tokens.lookup(ctx, token, client["ClientId"])
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    for path in ctx.store.data_dir.iterdir():
        if path.is_file():
            assert token.split(".")[1].encode() not in path.read_bytes()


def test_a_refresh_token_remembers_its_sign_in(ctx, pool, client, clock):
    result = _sign_in(ctx, pool, client)
    record = refresh_tokens.lookup(ctx, result["RefreshToken"], client["ClientId"])
    access = _segments(result["AccessToken"])[1]
    assert (record.pool_id, record.client_id, record.sub, record.username) == (
        pool["Id"], client["ClientId"], ALICE.sub, "alice")
    assert (record.origin_jti, record.event_id, record.auth_time) == (
        access["origin_jti"], access["event_id"], access["auth_time"])
    assert record.expires == START + 2 * 3600
    clock.now += 600
    renewed = tokens.refreshed(ctx, pool, client, ALICE, record, groups=[])
    claims = _segments(renewed["IdToken"])[1]
    assert "RefreshToken" not in renewed
    assert (claims["auth_time"], claims["origin_jti"], claims["event_id"]) == (
        access["auth_time"], access["origin_jti"], access["event_id"])
    assert claims["iat"] == int(START) + 600


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c.d.e", refresh_tokens.HEADER + ".a.b.c.d"])
def test_an_unknown_refresh_token_is_invalid(ctx, client, token):
    with _not_authorized("Invalid Refresh Token"):
        refresh_tokens.lookup(ctx, token, client["ClientId"])


def test_a_refresh_token_belongs_to_its_client(ctx, pool, client):
    token = _sign_in(ctx, pool, client)["RefreshToken"]
    with _not_authorized("Invalid Refresh Token"):
        refresh_tokens.lookup(ctx, token, "someotherclientid")
    other = clients.create_user_pool_client(ctx, {"UserPoolId": pool["Id"],
                                                  "ClientName": "other"})["UserPoolClient"]
    with _not_authorized("Refresh Token has different Client"):
        refresh_tokens.lookup(ctx, token, other["ClientId"])


def test_an_expired_refresh_token_is_refused(ctx, pool, client, clock):
    token = _sign_in(ctx, pool, client)["RefreshToken"]
    clock.now = START + 2 * 3600 - 1
    refresh_tokens.lookup(ctx, token, client["ClientId"])
    clock.now = START + 2 * 3600
    with _not_authorized("Refresh Token has expired"):
        refresh_tokens.lookup(ctx, token, client["ClientId"])


def _rotating_client(ctx, pool, grace):
    rotation = {"Feature": "ENABLED", "RetryGracePeriodSeconds": grace}
    return clients.create_user_pool_client(ctx, {
        "UserPoolId": pool["Id"], "ClientName": "rotating",
        "RefreshTokenRotation": rotation})["UserPoolClient"]


def test_rotation_without_grace_kills_the_old_token_at_once(ctx, pool):
    rotating = _rotating_client(ctx, pool, 0)
    old = _sign_in(ctx, pool, rotating)["RefreshToken"]
    new = refresh_tokens.replace(ctx, refresh_tokens.lookup(ctx, old, rotating["ClientId"]),
                                 rotating)
    assert new != old
    with pytest.raises(RefreshTokenReuseException):
        refresh_tokens.lookup(ctx, old, rotating["ClientId"])
    record = refresh_tokens.lookup(ctx, new, rotating["ClientId"])
    assert record.expires == START + 30 * 86400


def test_rotation_grace_lets_the_old_token_retry_for_a_while(ctx, pool, clock):
    rotating = _rotating_client(ctx, pool, 10)
    first = _sign_in(ctx, pool, rotating)
    old = first["RefreshToken"]
    record = refresh_tokens.lookup(ctx, old, rotating["ClientId"])
    new = refresh_tokens.replace(ctx, record, rotating)
    clock.now += 9
    retry = refresh_tokens.replace(ctx, refresh_tokens.lookup(ctx, old, rotating["ClientId"]),
                                   rotating)
    clock.now += 1
    with pytest.raises(RefreshTokenReuseException):
        refresh_tokens.lookup(ctx, old, rotating["ClientId"])
    # The rotated tokens carry on the same sign-in: revoking one revokes its access tokens.
    refresh_tokens.revoke(ctx, refresh_tokens.lookup(ctx, new, rotating["ClientId"]))
    for token in (new, retry):
        with _not_authorized("Refresh Token has been revoked"):
            refresh_tokens.lookup(ctx, token, rotating["ClientId"])
    with _not_authorized("Access Token has been revoked"):
        tokens.verify_access_token(ctx, first["AccessToken"])
