"""GetDerivedToken: OAuth 2.0 token exchange (RFC 8693) for the pool's own tokens.

What the model's documentation of the operation says, coded here:
- the requesting client authenticates with its ClientSecret when it has one, and allows
  ALLOW_TOKEN_EXCHANGE_IMPERSONATION (no ActorToken) or ALLOW_TOKEN_EXCHANGE_DELEGATION (an
  ActorToken: the issued token carries an `act` claim naming the actor);
- the scopes are the intersection of the requested Scopes, the SubjectToken's scopes and the
  client's AllowedOAuthScopes, or, without Scopes, the SubjectToken's;
- Audiences (logical names) and Resources (resource-server identifiers of the pool) are
  exclusive; either binds the token's `aud`;
- the issued token is an access token or an ID token (RequestedTokenType), never a refresh
  token; an ID token's TokenType is N_A, as RFC 8693 names a token that is not an access
  token.
[U] The shapes of `act` ({"sub": the actor's sub}, RFC 8693 §4.1) and of `aud` (the list
given) are the RFC's, as AWS's own are not documented. The issued token keeps the subject
token's origin_jti: it belongs to the same authentication, so revoking that session or
signing the user out refuses it too. SAML 2.0 and third-party (SubjectTokenProviderName)
tokens are refused by name: only the pool's own tokens can be verified here.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.errors import UnsupportedOperationException
from cfn_cognito.idp.appclients import clients, secret_hash
from cfn_cognito.idp.auth import outcome
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import InvalidParameterException, NotAuthorizedException
from cfn_cognito.idp.issuer import keys, tokens

IMPERSONATION = "ALLOW_TOKEN_EXCHANGE_IMPERSONATION"
DELEGATION = "ALLOW_TOKEN_EXCHANGE_DELEGATION"
ACCESS_TOKEN, ID_TOKEN = "ACCESS_TOKEN", "ID_TOKEN"
_USE = {ACCESS_TOKEN: keys.ACCESS, ID_TOKEN: keys.ID}


def get_derived_token(ctx: Context, req: dict) -> dict:
    pool, client = clients.find(ctx, req["ClientId"])
    if client.get("ClientSecret") and not secret_hash.is_secret_of(client, req.get("ClientSecret")):
        raise NotAuthorizedException(  # [U] wording
            f"Unable to verify secret for client {client['ClientId']}")
    return derive(ctx, pool, client, req)


def derive(ctx: Context, pool: dict, client: dict, req: dict) -> dict:
    """GetDerivedToken's answer for a client already authenticated (the API checks its
    ClientSecret; /oauth2/token its client authentication), `req` in GetDerivedToken's
    shape."""
    actor_given = bool(req.get("ActorToken"))
    if (DELEGATION if actor_given else IMPERSONATION) not in clients.auth_flows(client):
        raise InvalidParameterException("Auth flow not enabled for this client")
    if req.get("Audiences") and req.get("Resources"):
        raise InvalidParameterException(  # [U] wording
            "You can't request both Audiences and Resources.")
    subject = _verified(ctx, pool, req["SubjectToken"], req["SubjectTokenType"],
                        req.get("SubjectTokenProviderName"), "SubjectToken")
    actor = None
    if actor_given:
        if not req.get("ActorTokenType"):
            raise InvalidParameterException(  # [D] "Required when you provide an ActorToken."
                "ActorTokenType is required when you provide an ActorToken.")
        actor = _verified(ctx, pool, req["ActorToken"], req["ActorTokenType"],
                          req.get("ActorTokenProviderName"), "ActorToken")
    user = ctx.store.users.get_by_sub(pool["Id"], subject["sub"])
    if user is None or subject.get("token_use") == keys.ACCESS and "username" not in subject:
        raise InvalidParameterException(  # [U] wording
            "The SubjectToken must represent a user of the user pool.")
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    scopes = _scopes(client, subject, req.get("Scopes"))
    audience = _audience(ctx, pool, req)
    requested = req.get("RequestedTokenType") or ACCESS_TOKEN
    extra = {}
    if audience is not None:
        extra["aud"] = audience
    if actor is not None:
        extra["act"] = {"sub": actor["sub"]}
    auth = AuthRequest(ctx, pool, client, {}, admin=False)
    issued = tokens.issue(
        ctx, pool, client, outcome.subject(user), groups=outcome.groups_for_tokens(auth, user),
        auth_time=subject.get("auth_time", ctx.now()), scopes=scopes,
        origin_jti=subject.get("origin_jti"), event_id=subject.get("event_id"),
        changes=tokens.ClaimChanges(access_claims=extra, id_claims=extra))
    out = {"IssuedTokenType": requested, "ExpiresIn": issued["ExpiresIn"], "Scopes": scopes}
    if requested == ID_TOKEN:
        out.update(IssuedToken=issued["IdToken"], TokenType="N_A",
                   ExpiresIn=clients.token_validity_seconds(client, "IdToken"))
    else:
        out.update(IssuedToken=issued["AccessToken"], TokenType="Bearer")
    return out


def _verified(ctx: Context, pool: dict, token: str, kind: str, provider: str | None,
              member: str) -> dict:
    """The claims of one of the pool's own tokens of this kind, fully checked."""
    if kind == "SAML2" or provider:
        raise UnsupportedOperationException(
            f"Exchanging a {member} from a SAML 2.0 or third-party provider is not supported "
            "by cfn-cognito: only the user pool's own access and ID tokens can be exchanged.")
    return tokens.decode_verified(ctx, token, _USE[kind], pool_id=pool["Id"])


def _scopes(client: dict, subject: dict, requested) -> list[str]:
    """[D] Scopes: requested ∩ the subject token's ∩ the client's, or the subject's. An ID
    token carries no scope, so it limits nothing here."""
    held = str(subject["scope"]).split() if "scope" in subject else None
    if not requested:
        if held is None:
            raise InvalidParameterException(  # [U] wording
                "Scopes are required when the SubjectToken is an ID token.")
        return held
    allowed = set(client.get("AllowedOAuthScopes") or ())
    granted = [s for s in requested if s in allowed and (held is None or s in held)]
    if not granted:
        raise InvalidParameterException(  # [U] wording
            "None of the requested scopes can be granted.")
    return granted


def _audience(ctx: Context, pool: dict, req: dict):
    if req.get("Audiences"):
        return list(req["Audiences"])
    if req.get("Resources"):
        for identifier in req["Resources"]:
            if ctx.store.resource_servers.get(pool["Id"], identifier) is None:
                raise InvalidParameterException(  # [U] wording
                    f"Resource {identifier} is not a resource server of the user pool.")
        return list(req["Resources"])
    return None
