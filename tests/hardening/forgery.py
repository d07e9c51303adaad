"""Forged and otherwise unacceptable tokens, one builder per kind of attack.

A JWT forgery is made for the kind of token a place takes ("access" or "id") from a genuine
session of the scene, so that everything but the one thing under test is right. A builder
returns None where its attack means nothing at a place (a token of another client is a fine
token for GetUser, which takes any client's).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from dataclasses import dataclass
from typing import Callable

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cfn_cognito.idp.issuer import keys
from token_scene import Scene, Session, b64url, refresh_shaped, segment, sign_rs256

OTHER_USE = {keys.ACCESS: keys.ID, keys.ID: keys.ACCESS}
_ATTACKER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def parts(token: str) -> tuple[dict, dict]:
    header, claims = (json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
                      for p in token.split(".")[:2])
    return header, claims


@dataclass(frozen=True)
class Place:
    """Where tokens are taken: `use` is the kind it takes; `bound` whether it belongs to one
    pool (a domain, an authorizer) rather than trusting any pool of the service; `audience`
    whether it admits only certain app clients."""

    name: str
    use: str
    bound: bool = False
    audience: bool = False
    # Whether it checks that the user still exists (API Gateway only checks the token).
    knows_users: bool = True
    # Whether it takes ID and access tokens alike (an HTTP API's JWT authorizer).
    either_use: bool = False


@dataclass(frozen=True)
class Forgery:
    name: str
    make: Callable[[Scene, Session, Place], str | None]


def _resigned(scene: Scene, genuine: str, use: str, **changes) -> str:
    header, claims = parts(genuine)
    claims.update(changes)
    return scene.sign(use, {k: v for k, v in claims.items() if v is not None})


def _flip_signature(scene, s, place):
    token = s.token(place.use)
    head, _, signature = token.rpartition(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[len(raw) // 2] ^= 0x01
    return f"{head}.{b64url(bytes(raw))}"


def _alg_none(scene, s, place):
    header, claims = parts(s.token(place.use))
    return f"{segment({**header, 'alg': 'none'})}.{segment(claims)}."


def _alg_none_keeping_signature(scene, s, place):
    token = s.token(place.use)
    header, _ = parts(token)
    _, payload, signature = token.split(".")
    return f"{segment({**header, 'alg': 'none'})}.{payload}.{signature}"


def _hs256_with_public_key(scene, s, place):
    """The classic: HMAC keyed with the RSA public key (PEM), as a confused verifier reads it."""
    header, claims = parts(s.token(place.use))
    public = scene.keys[place.use].public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    signing_input = f"{segment({**header, 'alg': 'HS256'})}.{segment(claims)}"
    mac = hmac.new(public, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{b64url(mac)}"


def _hs256_with_jwk(scene, s, place):
    header, claims = parts(s.token(place.use))
    secret = json.dumps(scene.keys[place.use].jwk).encode()
    signing_input = f"{segment({**header, 'alg': 'HS256'})}.{segment(claims)}"
    mac = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{b64url(mac)}"


def _unknown_kid(scene, s, place):
    header, claims = parts(s.token(place.use))
    return sign_rs256(_ATTACKER_KEY, {"kid": b64url(os.urandom(32)), "alg": "RS256"}, claims)


def _attacker_key_real_kid(scene, s, place):
    header, claims = parts(s.token(place.use))
    return sign_rs256(_ATTACKER_KEY, header, claims)


def _embedded_jwk(scene, s, place):
    """CVE-2018-0114's trick: the header carries the attacker's own public key."""
    header, claims = parts(s.token(place.use))
    numbers = _ATTACKER_KEY.public_key().public_numbers()
    jwk = {"kty": "RSA", "e": b64url(numbers.e.to_bytes(3, "big")),
           "n": b64url(numbers.n.to_bytes(256, "big")), "kid": header["kid"]}
    return sign_rs256(_ATTACKER_KEY, {**header, "jwk": jwk,
                                      "jku": "http://127.0.0.1:1/jwks.json"}, claims)


def _kid_injection(scene, s, place):
    header, claims = parts(s.token(place.use))
    return sign_rs256(_ATTACKER_KEY, {"kid": "../../../../etc/passwd' OR '1'='1",
                                      "alg": "RS256"}, claims)


def _other_use_key(scene, s, place):
    """Signed by the pool's real key for the other kind of token (and named by its kid)."""
    header, claims = parts(s.token(place.use))
    other = OTHER_USE[place.use]
    return scene.sign(other, claims)


def _other_use_kid(scene, s, place):
    """Signed by the right key but naming the other key's kid."""
    header, claims = parts(s.token(place.use))
    return scene.sign(place.use, claims, {"kid": scene.keys[OTHER_USE[place.use]].kid,
                                          "alg": "RS256"})


def _expired(scene, s, place):
    now = int(time.time())
    return _resigned(scene, s.token(place.use), place.use, iat=now - 7200, exp=now - 3600,
                     auth_time=now - 7200)


def _not_yet_valid(scene, s, place):
    return _resigned(scene, s.token(place.use), place.use, nbf=int(time.time()) + 3600)


def _issued_in_the_future(scene, s, place):
    now = int(time.time())
    return _resigned(scene, s.token(place.use), place.use, iat=now + 3600, exp=now + 7200,
                     auth_time=now + 3600)


def _exp_as_text(scene, s, place):
    return _resigned(scene, s.token(place.use), place.use, exp=str(int(time.time()) + 3600))


def _wrong_issuer(scene, s, place):
    return _resigned(scene, s.token(place.use), place.use,
                     iss=f"http://127.0.0.1:1/{scene.pool_id}")


def _aws_issuer(scene, s, place):
    """AWS's issuer form for the same pool: not what this service issues."""
    return _resigned(scene, s.token(place.use), place.use,
                     iss=f"https://cognito-idp.us-east-1.amazonaws.com/{scene.pool_id}")


def _no_issuer(scene, s, place):
    return _resigned(scene, s.token(place.use), place.use, iss=None)


def _another_pool_claim(scene, s, place):
    """Claims naming another pool, signed by this pool's key."""
    issuer = scene.issuer.rsplit("/", 1)[0] + "/" + scene.other_pool_id
    return _resigned(scene, s.token(place.use), place.use, iss=issuer)


def _another_pools_token(scene, s, place):
    if not place.bound:
        return None  # a genuine token of any pool is good where any pool is trusted
    return scene.other_pool_session.token(place.use)


def _another_client(scene, s, place):
    if not place.audience:
        return None
    return scene.other_client_session.token(place.use)


def _token_use_flipped(scene, s, place):
    """The right key, but claims saying it is the other kind of token."""
    return _resigned(scene, s.token(place.use), place.use, token_use=OTHER_USE[place.use])


def _swapped(scene, s, place):
    """The genuine token of the other kind (an ID token where an access token goes)."""
    if place.either_use:
        return None
    return s.token(OTHER_USE[place.use])


def _refresh_as_jwt(scene, s, place):
    return s.refresh


def _revoked(scene, s, place):
    return scene.revoked_session.token(place.use)


def _signed_out(scene, s, place):
    return scene.signed_out_session.token(place.use)


def _deleted_user(scene, s, place):
    if not place.knows_users:
        return None
    return scene.deleted_user_session.token(place.use)


def _truncated(scene, s, place):
    return s.token(place.use)[:-7]


def _two_segments(scene, s, place):
    return s.token(place.use).rsplit(".", 1)[0]


def _oversized(scene, s, place):
    header, claims = parts(s.token(place.use))
    return sign_rs256(_ATTACKER_KEY, header, {**claims, "pad": "A" * 60_000})


def _junk(scene, s, place):
    return "eyJ" + "." * 2 + "!@#$%^&*()"


JWT_FORGERIES = [Forgery(f.__name__.strip("_").replace("_", "-"), f) for f in (
    _flip_signature, _alg_none, _alg_none_keeping_signature, _hs256_with_public_key,
    _hs256_with_jwk, _unknown_kid, _attacker_key_real_kid, _embedded_jwk, _kid_injection,
    _other_use_key, _other_use_kid, _expired, _not_yet_valid, _issued_in_the_future,
    _exp_as_text, _wrong_issuer, _aws_issuer, _no_issuer, _another_pool_claim,
    _another_pools_token, _another_client, _token_use_flipped, _swapped, _refresh_as_jwt,
    _revoked, _signed_out, _deleted_user, _truncated, _two_segments, _oversized, _junk)]


# -- refresh tokens -----------------------------------------------------------------------
# A builder returns (token, victim): the genuine session the token would stand for, whose
# refresh token must still work afterwards (None where there is none, or it is dead already).

def _r_tampered(scene, s):
    head, tail = s.refresh[:-40], s.refresh[-40:]
    swapped = tail[:20] + ("A" if tail[20] != "A" else "B") + tail[21:]
    return head + swapped, s


def _r_truncated(scene, s):
    return s.refresh[:-11], s


def _r_four_segments(scene, s):
    return s.refresh.rsplit(".", 1)[0], s


def _r_access_token(scene, s):
    return s.access, s


def _r_id_token(scene, s):
    return s.id, s


def _r_another_client(scene, s):
    return scene.other_client_session.refresh, scene.other_client_session


def _r_another_pool(scene, s):
    return scene.other_pool_session.refresh, scene.other_pool_session


def _r_revoked(scene, s):
    return scene.revoked_session.refresh, None


def _r_signed_out(scene, s):
    return scene.signed_out_session.refresh, None


def _r_deleted_user(scene, s):
    return scene.deleted_user_session.refresh, None


def _r_expired(scene, s):
    return scene.expired_session.refresh, None


def _r_look_alike(scene, s):
    return refresh_shaped(os.urandom(2048)), s


def _r_oversized(scene, s):
    return refresh_shaped(os.urandom(2048) * 50, size=90_000), s


REFRESH_FORGERIES = [(f.__name__.removeprefix("_r_").replace("_", "-"), f) for f in (
    _r_tampered, _r_truncated, _r_four_segments, _r_access_token, _r_id_token,
    _r_another_client, _r_another_pool, _r_revoked, _r_signed_out, _r_deleted_user,
    _r_expired, _r_look_alike, _r_oversized)]
