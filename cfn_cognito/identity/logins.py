"""The `Logins` map of GetId, GetCredentialsForIdentity, GetOpenIdToken...: each entry checked
and turned into a Login (who the token says the user is, for which provider).

Two kinds of login are verifiable here:
- an ID token of a local user pool, under the pool's provider name (see providers.py): its
  signature, expiry and issuer are verified, its audience must be one of the ClientIds the
  identity pool lists for that user pool, and with ServerSideTokenCheck the sign-in must not
  have been revoked (nor the user deleted or disabled);
- an OpenID token of this service, under `cognito-identity.amazonaws.com` (how developer
  authenticated identities sign in).
Other providers (Facebook, Google, OIDC, SAML) cannot be verified locally and are refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cfn_cognito.context import Context
from cfn_cognito.identity import openid, providers
from cfn_cognito.identity.errors import NotAuthorizedException
from cfn_cognito.idp.issuer import tokens

UNSUPPORTED = "Token is not from a supported provider of this identity pool."
REVOKED = "Invalid login token. Token has been revoked."


@dataclass(frozen=True)
class Login:
    """A verified login. `provider` is the canonical provider name; `subject` the user's id
    for it (a user pool user's sub); `mapping_key` names its role mapping ('' if none)."""

    provider: str
    subject: str
    claims: dict = field(default_factory=dict)
    mapping_key: str = ""
    # Set for this service's own OpenID token: the identity it was issued to.
    identity_id: str | None = None

    @property
    def authenticated(self) -> bool:
        return self.identity_id is None or openid.AUTHENTICATED in self.claims.get("amr", ())

    def amr(self) -> list[str]:
        """The `amr` claim of an OpenID token issued on this login."""
        if self.identity_id is not None:
            return list(self.claims.get("amr") or [openid.UNAUTHENTICATED])
        return [openid.AUTHENTICATED, self.provider,
                f"{self.provider}:CognitoSignIn:{self.subject}"]

    def authentication_provider(self) -> str:
        """What API Gateway shows as cognitoAuthenticationProvider for this login."""
        return ",".join(self.amr()[1:])


def verify_logins(ctx: Context, pool: dict, logins: dict) -> list[Login]:
    """Every entry of a Logins map verified for the identity pool `pool` (its IdentityPool
    shape), in the map's order; NotAuthorizedException for the first that fails."""
    return [verify_login(ctx, pool, name, token) for name, token in (logins or {}).items()]


def verify_login(ctx: Context, pool: dict, name: str, token: str) -> Login:
    if providers.is_cognito_identity(ctx.settings, name):
        claims = openid.verify(ctx, token, pool["IdentityPoolId"])
        return Login(providers.COGNITO_IDENTITY, claims["sub"], claims,
                     identity_id=claims["sub"])
    user_pool_id = providers.user_pool_id(ctx.settings, name)
    if user_pool_id is None:
        raise NotAuthorizedException(UNSUPPORTED)
    return _user_pool_login(ctx, pool, user_pool_id, token)


def _user_pool_login(ctx: Context, pool: dict, user_pool_id: str, token: str) -> Login:
    configured = [p for p in pool.get("CognitoIdentityProviders") or []
                  if providers.user_pool_id(ctx.settings, p["ProviderName"]) == user_pool_id]
    if not configured:
        raise NotAuthorizedException(UNSUPPORTED)
    unverified = openid.unverified_claims(token)
    if unverified is None:
        raise NotAuthorizedException(openid.NOT_OPENID)
    if unverified.get("iss") != tokens.issuer(ctx.settings, user_pool_id):
        raise NotAuthorizedException("Invalid login token. Issuer doesn't match providerName")
    if "aud" not in unverified:     # an access token
        raise NotAuthorizedException("Invalid login token. Missing a required claim: aud")
    client = next((p for p in configured if p["ClientId"] == unverified["aud"]), None)
    if client is None:
        raise NotAuthorizedException(UNSUPPORTED)
    server_side = client.get("ServerSideTokenCheck", False)
    try:
        claims = tokens.verify_id_token(ctx, token, pool_id=user_pool_id,
                                        client_id=client["ClientId"])
    except tokens.ExpiredToken:
        raise NotAuthorizedException(openid.expired_message(ctx, unverified.get("exp"))) from None
    except tokens.RevokedToken:
        # Raised only once signature, issuer, kind and expiry have checked out: without the
        # server-side check a revoked sign-in's ID token stays good, as on AWS.
        if server_side:
            raise NotAuthorizedException(REVOKED) from None
        claims = unverified
    except tokens.InvalidToken:
        raise NotAuthorizedException(openid.INVALID) from None
    if server_side:
        user = ctx.store.users.get_by_sub(user_pool_id, claims["sub"])
        if user is None or not user.enabled:
            raise NotAuthorizedException(REVOKED)
    provider = providers.user_pool_provider(user_pool_id)
    return Login(provider, claims["sub"], claims, mapping_key=f"{provider}:{client['ClientId']}")
