"""Which IAM role an authenticated identity gets: the pool's role mapping for the login's
provider, applied to the claims of the login's token (role-based access control).

- no mapping: the pool's authenticated role;
- `Token`: `cognito:preferred_role`, else the only entry of `cognito:roles`;
- `Rules`: the role of the first rule the claims match, in the rules' order;
- nothing chosen ("ambiguous"): `AmbiguousRoleResolution` says AuthenticatedRole (the pool's
  authenticated role) or Deny.
A CustomRoleArn picks among the roles the token qualifies for (all of `cognito:roles`, or the
roles of every matching rule), as the SDKs' role selection does.
"""

from __future__ import annotations

from cfn_cognito.identity.errors import (
    InvalidIdentityPoolConfigurationException,
    NotAuthorizedException,
)

NO_ROLE = "Invalid identity pool configuration. Check assigned IAM roles for this pool."


def _claim_values(value) -> list[str]:
    """A claim as the strings a rule compares with (each member of a list claim)."""
    items = value if isinstance(value, list) else [value]
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in items if v is not None]


def rule_matches(rule: dict, claims: dict) -> bool:
    """Whether a MappingRule matches the claims. A list claim (cognito:groups) matches when
    one of its members does; NotEqual when none equals the value."""
    if rule["Claim"] not in claims:
        return False
    values, wanted = _claim_values(claims[rule["Claim"]]), rule["Value"]
    match rule["MatchType"]:
        case "Equals":
            return wanted in values
        case "NotEqual":
            return bool(values) and wanted not in values
        case "StartsWith":
            return any(v.startswith(wanted) for v in values)
        case "Contains":
            return any(wanted in v for v in values)
    return False


def _qualified(mapping: dict, claims: dict) -> tuple[list[str], str | None]:
    """(every role the claims qualify for, the role chosen without a CustomRoleArn or None)."""
    if mapping["Type"] == "Token":
        roles = [r for r in claims.get("cognito:roles") or [] if isinstance(r, str)]
        preferred = claims.get("cognito:preferred_role")
        if isinstance(preferred, str) and preferred:
            return list(dict.fromkeys([preferred, *roles])), preferred
        return roles, roles[0] if len(roles) == 1 else None
    rules = (mapping.get("RulesConfiguration") or {}).get("Rules") or []
    roles = list(dict.fromkeys(r["RoleARN"] for r in rules if rule_matches(r, claims)))
    return roles, roles[0] if roles else None


def choose_role(mapping: dict | None, claims: dict, authenticated_role: str | None,
                custom_role: str | None, provider: str) -> str:
    """The role for an authenticated identity whose login (named `provider` in messages)
    carries `claims`. Raises NotAuthorizedException when the mapping denies it or the custom
    role is not one it qualifies for, InvalidIdentityPoolConfigurationException when the pool
    has no role to give."""
    falls_back = mapping is None or mapping.get("AmbiguousRoleResolution") == "AuthenticatedRole"
    qualified, chosen = _qualified(mapping, claims) if mapping else ([], None)
    if chosen is None and falls_back and authenticated_role:
        qualified.append(authenticated_role)
    if custom_role:
        if custom_role not in qualified:
            raise NotAuthorizedException(
                f"The CustomRoleArn {custom_role} is not one of the roles this login can assume.")
        return custom_role
    if chosen is None:
        if not falls_back:
            raise NotAuthorizedException(
                f"The ambiguous role mapping rules for: {provider} denied this request.")
        chosen = authenticated_role
    if not chosen:
        raise InvalidIdentityPoolConfigurationException(NO_ROLE)
    return chosen
