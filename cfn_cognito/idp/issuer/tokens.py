"""ID and access tokens: RS256 JWTs issued and verified as Cognito does.

Issuing (each returns an AuthenticationResult):

    subject = TokenSubject(username, sub, attributes)
    tokens.sign_in(ctx, pool, client, subject, groups=[...])          # + a refresh token
    tokens.refreshed(ctx, pool, client, subject, record, groups=[...])  # REFRESH_TOKEN_AUTH
    tokens.issue(...)   # the general form both use

Tokens of the OAuth endpoints (hosted UI) are made with `oauth=True`: the access token carries
the granted scopes and `version: 2`, the ID token `at_hash` and only the attributes its OIDC
scopes release; refreshing them keeps their scopes.

Verifying, for operations that take an AccessToken:

    claims = tokens.verify_access_token(ctx, token, required_scope=tokens.ADMIN_SCOPE)

Claims come in the order AWS emits them (observed captures: reference §2.2, §2.3); the header
is exactly {"kid", "alg"}. Slashes are escaped in the JSON ("https:\\/\\/...") as AWS's are.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.idp.issuer import keys
from cfn_cognito.idp.issuer import refresh_tokens
from cfn_cognito.idp.issuer import user_sessions
from cfn_cognito.idp.appclients.clients import token_validity_seconds
from cfn_cognito.idp.errors import NotAuthorizedException
from cfn_cognito.idp.accounts.groups import iam_roles

ADMIN_SCOPE = "aws.cognito.signin.user.admin"
# The `version` claim of access tokens from the OAuth endpoints (absent from the API's).
OAUTH_TOKEN_VERSION = 2
# The attributes the `email` and `phone` scopes release when `profile` is not granted.
SCOPE_ATTRIBUTES = {"email": ("email", "email_verified"),
                    "phone": ("phone_number", "phone_number_verified")}
_POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+")
_LABEL = {keys.ACCESS: "Access Token", keys.ID: "ID Token"}
# A compact JWT: three base64url segments without padding (checked before any decoding).
_COMPACT = re.compile(r"([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)")


# Tokens whose signature checked out, by their text: (pool id, key, claims). A test suite
# sends the same few tokens again and again; the signature check and the JSON decoding were
# most of a GetUser. Expiry, revocation and the key's still being the pool's are checked on
# every use all the same.
_VERIFIED: dict[str, tuple] = {}
_VERIFIED_MAX = 1024   # about 2 MiB at most (a token and its claims are about 2 KiB)


class InvalidToken(NotAuthorizedException):
    """A token that is not one of ours: forged, altered, malformed, the wrong kind."""


class ExpiredToken(NotAuthorizedException):
    """One of our tokens, past its exp."""


class RevokedToken(NotAuthorizedException):
    """One of our tokens whose authentication was revoked or whose user signed out."""


@dataclass(frozen=True)
class ClaimChanges:
    """Changes to the claims of one issue of tokens (what a PreTokenGeneration trigger asks
    for), applied after the tokens' own claims are built: `*_claims` are added or replace
    claims of the same name, `*_suppressed` are removed (suppression wins), `groups` replaces
    `cognito:groups` in both tokens (empty: the claim is left out) and `scopes` replaces the
    access token's `scope`. The caller decides which claims may be changed."""

    id_claims: dict = field(default_factory=dict)
    id_suppressed: frozenset = frozenset()
    access_claims: dict = field(default_factory=dict)
    access_suppressed: frozenset = frozenset()
    groups: tuple | None = None
    scopes: tuple | None = None


def _changed(claims: dict, added: dict, suppressed: frozenset) -> dict:
    out = {**claims, **added}
    return {name: value for name, value in out.items() if name not in suppressed}


@dataclass(frozen=True)
class TokenSubject:
    """Who a token is about: the username, the sub and the user's attributes
    (`[{"Name", "Value"}]`, all values strings as stored)."""

    username: str
    sub: str
    attributes: list[dict] = field(default_factory=list)


def issuer(settings: Settings, pool_id: str) -> str:
    """The `iss` of a pool's tokens (and its OIDC issuer): `{base_url}/{poolId}`."""
    return f"{settings.base_url}/{pool_id}"


def new_uuid(ctx: Context) -> str:
    """A random UUID (jti, origin_jti, event_id) from the context's random source."""
    return str(uuid.UUID(int=ctx.rng.getrandbits(128), version=4))


def issue(ctx: Context, pool: dict, client: dict, subject: TokenSubject, *, groups: list[str],
          auth_time: float, scopes: list[str] | None = None, origin_jti: str | None = None,
          event_id: str | None = None, extra_id_claims: dict | None = None,
          nonce: str | None = None, refresh_token: str | None = None,
          oauth: bool = False, changes: ClaimChanges | None = None,
          device_key: str | None = None) -> dict:
    """A signed ID and access token pair as an AuthenticationResult:
    `{"AccessToken", "ExpiresIn", "TokenType", ["RefreshToken",] "IdToken"}`.

    `groups` in precedence order (omitted from the tokens when empty); `auth_time` is the
    original sign-in (kept on refresh, as origin_jti and event_id are); `scopes` default to
    aws.cognito.signin.user.admin; `extra_id_claims` are added to the ID token last;
    `oauth` makes the OAuth endpoints' form (see the module's docstring); `changes` are
    applied to both tokens' claims last (see ClaimChanges); `device_key` (device tracking)
    goes in the access token.
    """
    pool_id = pool["Id"]
    changes = changes or ClaimChanges()
    token_groups = list(groups) if changes.groups is None else list(changes.groups)
    access_scopes = scopes if changes.scopes is None else list(changes.scopes)
    iat = int(ctx.now())
    common = {
        "iss": issuer(ctx.settings, pool_id),
        "origin_jti": origin_jti or new_uuid(ctx),
        "event_id": event_id or new_uuid(ctx),
        "auth_time": int(auth_time),
        "iat": iat,
    }
    access_seconds = token_validity_seconds(client, "AccessToken")
    access = _access_claims(subject, client, token_groups, access_scopes, common,
                            iat + access_seconds, new_uuid(ctx))
    if device_key:
        access = _after(access, "sub", {"device_key": device_key})
    if oauth:
        access = _after(access, "iss", {"version": OAUTH_TOKEN_VERSION})
        subject = scoped_subject(subject, scopes or [])
    access = _changed(access, changes.access_claims, changes.access_suppressed)
    access_key = keys.signing_key(ctx, pool_id, keys.ACCESS)
    id_key = keys.signing_key(ctx, pool_id, keys.ID)
    # Groups replaced by PreTokenGeneration bring their own roles (in `changes`).
    roles = iam_roles(ctx, pool_id, token_groups) if changes.groups is None else ([], None)
    id_claims = _id_claims(subject, client, token_groups, roles, common, nonce,
                           iat + token_validity_seconds(client, "IdToken"), new_uuid(ctx))
    if extra_id_claims:
        id_claims.update(extra_id_claims)
    if oauth:
        access_token = sign(access_key, access)
        # First, as in captured hosted UI ID tokens.
        id_claims = {"at_hash": at_hash(access_token), **id_claims}
        id_token = sign(id_key, _changed(id_claims, changes.id_claims, changes.id_suppressed))
    else:
        id_claims = _changed(id_claims, changes.id_claims, changes.id_suppressed)
        # One after the other: signing the second on another thread saved 10% of the wall
        # time of the pair and cost 40% more CPU, which a busy server pays in throughput.
        access_token, id_token = sign(access_key, access), sign(id_key, id_claims)
    result = {
        "AccessToken": access_token,
        "ExpiresIn": access_seconds,
        "TokenType": "Bearer",
    }
    if refresh_token:
        result["RefreshToken"] = refresh_token
    result["IdToken"] = id_token
    return result


def sign_in(ctx: Context, pool: dict, client: dict, subject: TokenSubject, *,
            groups: list[str], scopes: list[str] | None = None, nonce: str | None = None,
            extra_id_claims: dict | None = None, with_refresh_token: bool = True,
            oauth: bool = False, auth_time: float | None = None,
            changes: ClaimChanges | None = None, device_key: str | None = None,
            origin_session: str | None = None) -> dict:
    """Tokens for a new authentication: fresh origin_jti and event_id, auth_time now (or the
    given one: a hosted UI session's sign-in), and a refresh token recorded under the same
    origin_jti (so revoking it revokes these), a token session when the pool tracks them
    (`origin_session`: the SSO session it came through). With `oauth`, the granted scopes
    are recorded with the sign-in so that refreshed tokens keep them."""
    origin_jti, event_id = new_uuid(ctx), new_uuid(ctx)
    auth_time = int(ctx.now() if auth_time is None else auth_time)
    refresh_token = None
    if with_refresh_token:
        # One transaction: the refresh token, its session and its scopes stand or fall
        # together.
        with ctx.store.write():
            refresh_token = refresh_tokens.create(
                ctx, pool_id=pool["Id"], client=client, sub=subject.sub,
                username=subject.username, origin_jti=origin_jti, event_id=event_id,
                auth_time=auth_time)
            user_sessions.opened(ctx, pool, client, subject.sub, origin_jti,
                                 ctx.now() + token_validity_seconds(client, "RefreshToken"),
                                 origin_session)
            if oauth:
                now = ctx.now()
                ctx.store.oauth.add_grant(pool["Id"], origin_jti, list(scopes or []),
                                          now + token_validity_seconds(client, "RefreshToken"),
                                          now)
    return issue(ctx, pool, client, subject, groups=groups, auth_time=auth_time, scopes=scopes,
                 origin_jti=origin_jti, event_id=event_id, extra_id_claims=extra_id_claims,
                 nonce=nonce, refresh_token=refresh_token, oauth=oauth, changes=changes,
                 device_key=device_key)


def refreshed(ctx: Context, pool: dict, client: dict, subject: TokenSubject,
              record: refresh_tokens.RefreshRecord, *, groups: list[str],
              extra_id_claims: dict | None = None, refresh_token: str | None = None,
              changes: ClaimChanges | None = None, device_key: str | None = None) -> dict:
    """New ID and access tokens from a refresh token's record: auth_time, origin_jti and
    event_id are kept, and so are the scopes of an OAuth sign-in. `refresh_token` is the
    rotated one, when the client rotates; `device_key` the device the refresh came from."""
    scopes = ctx.store.oauth.grant_scopes(pool["Id"], record.origin_jti)
    user_sessions.used(ctx, pool["Id"], record.origin_jti, record.expires if not refresh_token
                       else ctx.now() + token_validity_seconds(client, "RefreshToken"))
    return issue(ctx, pool, client, subject, groups=groups, auth_time=record.auth_time,
                 origin_jti=record.origin_jti, event_id=record.event_id,
                 extra_id_claims=extra_id_claims, refresh_token=refresh_token, scopes=scopes,
                 oauth=scopes is not None, changes=changes, device_key=device_key)


def at_hash(access_token: str) -> str:
    """OIDC's at_hash: base64url of the left half of the access token's SHA-256."""
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    return _b64url(digest[:len(digest) // 2])


def released_attributes(scopes) -> set[str] | None:
    """The attributes that OIDC scopes release (in ID tokens and at userInfo): None means every
    attribute the client can read, as `openid` alone or with `profile` does; with `email`
    and/or `phone` (and no `profile`) only theirs."""
    if "profile" in scopes:
        return None
    named = [scope for scope in scopes if scope in SCOPE_ATTRIBUTES]
    if not named:
        return None
    return {name for scope in named for name in SCOPE_ATTRIBUTES[scope]}


def scoped_subject(subject: TokenSubject, scopes) -> TokenSubject:
    """The subject with only the attributes `scopes` release."""
    released = released_attributes(scopes)
    if released is None:
        return subject
    kept = [a for a in subject.attributes if a["Name"] in released or a["Name"] == "sub"]
    return TokenSubject(subject.username, subject.sub, kept)


def _after(claims: dict, key: str, extra: dict) -> dict:
    """The claims with `extra` placed right after `key`."""
    out = {}
    for name, value in claims.items():
        out[name] = value
        if name == key:
            out.update(extra)
    return out


def _access_claims(subject, client, groups, scopes, common, exp, jti) -> dict:
    claims = {"sub": subject.sub}
    if groups:
        claims["cognito:groups"] = list(groups)
    claims.update({
        "iss": common["iss"],
        "client_id": client["ClientId"],
        "origin_jti": common["origin_jti"],
        "event_id": common["event_id"],
        "token_use": keys.ACCESS,
        "scope": " ".join(scopes) if scopes else ADMIN_SCOPE,
        "auth_time": common["auth_time"],
        "exp": exp,
        "iat": common["iat"],
        "jti": jti,
        "username": subject.username,
    })
    return claims


def _id_claims(subject, client, groups, roles, common, nonce, exp, jti) -> dict:
    custom, standard = _readable_attributes(subject, client)
    claims = {"sub": subject.sub}
    if groups:
        claims["cognito:groups"] = list(groups)
    role_arns, preferred = roles
    if preferred:
        claims["cognito:preferred_role"] = preferred
    if role_arns:
        claims["cognito:roles"] = role_arns
    claims.update({
        "iss": common["iss"],
        "cognito:username": subject.username,
        "origin_jti": common["origin_jti"],
        "aud": client["ClientId"],
        "event_id": common["event_id"],
        "token_use": keys.ID,
        "auth_time": common["auth_time"],
    })
    if nonce:
        claims["nonce"] = nonce
    claims["exp"] = exp
    claims.update(custom)
    claims["iat"] = common["iat"]
    claims["jti"] = jti
    claims.update(standard)
    return claims


def _readable_attributes(subject: TokenSubject, client: dict) -> tuple[dict, dict]:
    """The ID token's attribute claims, (custom:*, standard), typed as AWS types them."""
    readable = set(client.get("ReadAttributes") or ())
    custom, standard = {}, {}
    for attr in subject.attributes:
        name, value = attr["Name"], attr.get("Value")
        if (name == "sub" or name.startswith("dev:") or value in (None, "")
                or readable and name not in readable):
            continue
        if name.startswith("custom:"):
            custom[name] = value
        else:
            standard[name] = _typed(name, value)
    return custom, standard


def _typed(name: str, value: str):
    if name.endswith("_verified"):
        return value.lower() == "true"
    if name == "updated_at" and value.isdigit():
        return int(value)
    if name == "identities":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def sign(key: keys.SigningKey, claims: dict) -> str:
    """A compact RS256 JWT with header {"kid", "alg"} in that order (PyJWT's encoder always
    puts alg first, so the segments are built here)."""
    header = _segment({"kid": key.kid, "alg": "RS256"})
    payload = _segment(claims)
    signing_input = f"{header}.{payload}".encode("ascii")
    signature = key.private_key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    return f"{header}.{payload}.{_b64url(signature)}"


def _segment(obj: dict) -> str:
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False).replace("/", "\\/")
    return _b64url(text.encode("utf-8"))


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def verify_access_token(ctx: Context, token: str, *, pool_id: str | None = None,
                        required_scope: str | None = None) -> dict:
    """The claims of a valid access token of ours, else NotAuthorizedException:
    "Access Token has expired", "Access Token has been revoked", "Invalid Access Token",
    or "Access Token does not have required scopes"."""
    claims = decode_verified(ctx, token, keys.ACCESS, pool_id=pool_id)
    if required_scope and required_scope not in str(claims.get("scope", "")).split():
        raise NotAuthorizedException("Access Token does not have required scopes")
    return claims


def verify_id_token(ctx: Context, token: str, *, pool_id: str | None = None,
                    client_id: str | None = None) -> dict:
    """The claims of a valid ID token of ours (for `client_id` when given), else
    NotAuthorizedException: "ID Token has expired", "ID Token has been revoked" or
    "Invalid ID Token"."""
    claims = decode_verified(ctx, token, keys.ID, pool_id=pool_id)
    if client_id is not None and claims.get("aud") != client_id:
        raise InvalidToken("Invalid ID Token")
    return claims


def decode_verified(ctx: Context, token: str, token_use: str, *,
                    pool_id: str | None = None) -> dict:
    """The claims of a token of ours of this use ("access" or "id"), once its signature (RS256
    only, by the key of that use in the pool named by `iss`), issuer, kind, validity period
    (`iat` and any `nbf` not in the future, `exp` not past) and revocation all check out.
    Raises InvalidToken, ExpiredToken or RevokedToken."""
    label = _LABEL[token_use]
    invalid = InvalidToken(f"Invalid {label}")
    token_pool, claims = _signed(ctx, token, invalid)
    if pool_id is not None and token_pool != pool_id or claims.get("token_use") != token_use:
        raise invalid
    exp, iat, sub = claims.get("exp"), claims.get("iat"), claims.get("sub")
    if not (isinstance(exp, int) and isinstance(iat, int) and isinstance(sub, str)):
        raise invalid
    now = ctx.now()
    # Not valid yet: issued in the future, or a `nbf` (ours carry none) still to come.
    nbf = claims.get("nbf", iat)
    if iat > now or not isinstance(nbf, int) or nbf > now:
        raise invalid
    if now >= exp:
        raise ExpiredToken(f"{label} has expired")
    if ctx.store.tokens.is_revoked(token_pool, sub, claims.get("origin_jti"), iat):
        raise RevokedToken(f"{label} has been revoked")
    return claims


def _signed(ctx: Context, token, invalid: InvalidToken) -> tuple[str, dict]:
    """(pool id, claims) of a token signed with RS256 by the key its `kid` names among the
    keys of the pool its `iss` names, for the use its `token_use` claims; else `invalid`."""
    seen = _VERIFIED.get(token) if isinstance(token, str) else None
    if seen is not None:
        token_pool, key, claims = seen
        # The same bytes against the same key give the same answer; whether that key is still
        # the pool's (a reset or a deleted pool forgets it) and the issuer still ours is
        # asked again.
        if (keys.find_key(ctx, token_pool, key.kid) is key
                and _pool_of(ctx.settings, claims.get("iss")) == token_pool):
            return token_pool, dict(claims)
    parsed = _parse(token)
    if parsed is None:
        raise invalid
    header, claims, signing_input, signature = parsed
    # RS256 and nothing else: `none`, HS256 keyed with our public key and the rest never get
    # near a key.
    if header.get("alg") != "RS256" or not isinstance(header.get("kid"), str):
        raise invalid
    token_pool = _pool_of(ctx.settings, claims.get("iss"))
    if token_pool is None:
        raise invalid
    key = keys.find_key(ctx, token_pool, header["kid"])
    if key is None or key.use != claims.get("token_use"):
        raise invalid
    try:
        key.public_key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise invalid from None
    if len(_VERIFIED) >= _VERIFIED_MAX:
        _VERIFIED.clear()
    _VERIFIED[token] = (token_pool, key, claims)
    return token_pool, dict(claims)


def _parse(token) -> tuple[dict, dict, bytes, bytes] | None:
    """(header, claims, signing input, signature) of a compact JWT, unverified; None if the
    text is not one. Verified here rather than with PyJWT: its per-character alphabet check
    cost two thirds of a verification; the regex above does the same check in C."""
    m = _COMPACT.fullmatch(token) if isinstance(token, str) else None
    if m is None:
        return None
    try:
        header, claims = (json.loads(_b64url_decode(part)) for part in m.group(1, 2))
        signature = _b64url_decode(m[3])
    except (ValueError, binascii.Error):
        return None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        return None
    return header, claims, f"{m[1]}.{m[2]}".encode("ascii"), signature


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _pool_of(settings: Settings, iss) -> str | None:
    """The pool id an `iss` of ours names, or None."""
    prefix = settings.base_url + "/"
    if not isinstance(iss, str) or not iss.startswith(prefix):
        return None
    pool_id = iss[len(prefix):]
    return pool_id if _POOL_ID.fullmatch(pool_id) else None
