"""PreTokenGeneration: the function changes the claims of the tokens about to be issued.

The event version follows `LambdaConfig.PreTokenGenerationConfig.LambdaVersion`:

- V1_0 (event "1"; also a bare `LambdaConfig.PreTokenGeneration`): `claimsOverrideDetails`
  changes the ID token only (values are strings), plus `groupOverrideDetails`.
- V2_0 / V3_0 (events "2" / "3", with `request.scopes`): `claimsAndScopeOverrideDetails`
  with `idTokenGeneration` and `accessTokenGeneration` (claim values may be any JSON), the
  access token's `scopesToAdd` / `scopesToSuppress`, and `groupOverrideDetails`.

`groupOverrideDetails` replaces `cognito:groups` in both tokens; given as null or `{}` it
removes the groups, and its roles become the ID token's `cognito:roles` /
`cognito:preferred_role`. A claim both suppressed and added is suppressed. Claims Cognito
does not let a trigger touch (AWS's list: iss, sub, exp, token_use, ...) are left as they
are, with a warning in the log.
"""

from __future__ import annotations

import logging

from cfn_cognito.idp.issuer import tokens
from cfn_cognito.idp.accounts.groups import iam_roles
from cfn_cognito.idp.triggers import event, fields, invoke

LOG = logging.getLogger(__name__)

TRIGGER = invoke.PRE_TOKEN_GENERATION
AUTHENTICATION = "TokenGeneration_Authentication"
NEW_PASSWORD_CHALLENGE = "TokenGeneration_NewPasswordChallenge"
REFRESH_TOKENS = "TokenGeneration_RefreshTokens"
HOSTED_AUTH = "TokenGeneration_HostedAuth"
_EVENT_VERSION = {"V1_0": "1", "V2_0": "2", "V3_0": "3"}
# DG user-pool-lambda-pre-token-generation: "You can not modify the following claims".
PROTECTED = frozenset({
    "acr", "amr", "aud", "at_hash", "auth_time", "azp", "cognito:username", "exp", "iat",
    "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use"})
# The access token's own: scopes change through scopesToAdd / scopesToSuppress only.
PROTECTED_ACCESS = PROTECTED | {"client_id", "event_id", "scope", "username", "version"}


def changes(req, user, groups: list[str], source: str,
            scopes: list[str] | None = None) -> tokens.ClaimChanges | None:
    """What the pool's trigger changes in the tokens about to be issued to `user` (whose
    groups, in token order, are `groups`; `scopes` those of the access token, the API's
    aws.cognito.signin.user.admin by default); None without a trigger or a change."""
    ctx, pool = req.ctx, req.pool
    if not invoke.function_of(pool, TRIGGER):
        return None
    lambda_version = ((pool.get("LambdaConfig") or {}).get("PreTokenGenerationConfig") or {}) \
        .get("LambdaVersion", "V1_0")
    version = _EVENT_VERSION.get(lambda_version, "1")
    roles, preferred = iam_roles(ctx, pool["Id"], groups)
    request = {"userAttributes": event.user_attributes(ctx, pool, user),
               "groupConfiguration": {"groupsToOverride": list(groups),
                                      "iamRolesToOverride": roles, "preferredRole": preferred}}
    scopes = list(scopes or [tokens.ADMIN_SCOPE])
    if version != "1":
        request["scopes"] = scopes
    event.with_metadata(request, event.answer_metadata(req))
    details_key = "claimsOverrideDetails" if version == "1" else "claimsAndScopeOverrideDetails"
    answer = invoke.call(ctx, pool, TRIGGER, event.envelope(
        ctx, pool, source, user.username, req.client["ClientId"], request,
        {details_key: None}, version))
    details = fields.obj(answer, details_key)
    if details is None:
        return None
    if version == "1":
        return _v1(details)
    return _v2(details, scopes)


def _v1(details: dict) -> tokens.ClaimChanges:
    group = _group_override(details)
    return tokens.ClaimChanges(
        id_claims={**_claims(fields.string_map(details, "claimsToAddOrOverride"), PROTECTED),
                   **group[1]},
        id_suppressed=_suppressed(details, PROTECTED), groups=group[0])


def _v2(details: dict, scopes: list[str]) -> tokens.ClaimChanges:
    id_part = fields.obj(details, "idTokenGeneration") or {}
    access_part = fields.obj(details, "accessTokenGeneration") or {}
    removed = set(fields.string_list(access_part, "scopesToSuppress") or ())
    added = fields.string_list(access_part, "scopesToAdd") or []
    final = [s for s in dict.fromkeys(scopes + added) if s not in removed]
    group = _group_override(details)
    return tokens.ClaimChanges(
        id_claims={**_claims(fields.json_map(id_part, "claimsToAddOrOverride"), PROTECTED),
                   **group[1]},
        id_suppressed=_suppressed(id_part, PROTECTED),
        access_claims=_claims(fields.json_map(access_part, "claimsToAddOrOverride"),
                              PROTECTED_ACCESS),
        access_suppressed=_suppressed(access_part, PROTECTED_ACCESS),
        groups=group[0], scopes=tuple(final) if final != scopes else None)


def _claims(given: dict | None, protected: frozenset) -> dict:
    given = dict(given or {})
    for name in sorted(protected.intersection(given)):
        LOG.warning("PreTokenGeneration may not change the %s claim: left as it is", name)
        del given[name]
    return given


def _suppressed(details: dict, protected: frozenset) -> frozenset:
    names = set(fields.string_list(details, "claimsToSuppress") or ())
    for name in sorted(protected & names):
        LOG.warning("PreTokenGeneration may not suppress the %s claim: left as it is", name)
    return frozenset(names - protected)


def _group_override(details: dict) -> tuple[tuple | None, dict]:
    """(the groups for both tokens, or None to keep them; the ID token's role claims)."""
    if "groupOverrideDetails" not in details:
        return None, {}
    group = fields.obj(details, "groupOverrideDetails") or {}
    groups = tuple(fields.string_list(group, "groupsToOverride") or ())
    roles = fields.string_list(group, "iamRolesToOverride") or []
    preferred = fields.string(group, "preferredRole")
    claims = {}
    if roles:
        claims["cognito:roles"] = roles
    if preferred:
        claims["cognito:preferred_role"] = preferred
    return groups, claims
