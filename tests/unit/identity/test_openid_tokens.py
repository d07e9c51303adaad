"""This service's OpenID tokens: RS512 under the published key, verified as a login."""

import jwt
import pytest

from cfn_cognito.identity import openid, openid_keys
from cfn_cognito.identity.errors import NotAuthorizedException

from identity_fixtures import clock, ctx  # noqa: F401

POOL = "us-east-1:1234abcd-12ab-4cde-8f01-123456789abc"
IDENTITY = "us-east-1:aaaabbbb-12ab-4cde-8f01-123456789abc"


def test_a_token_verifies_with_the_published_key(ctx):
    token = openid.issue(ctx, IDENTITY, POOL, ["authenticated", "login.app"], 600, {"plan": "gold"})
    jwk = openid_keys.jwks(ctx)["keys"][0]
    assert jwt.get_unverified_header(token) == {"alg": "RS512", "kid": jwk["kid"], "typ": "JWS"}
    claims = jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=["RS512"], audience=POOL,
                        options={"verify_exp": False, "verify_iat": False})
    assert claims["sub"] == IDENTITY and claims["iss"] == "http://localhost:4566/identity"
    assert claims["https://aws.amazon.com/tags"] == {"principal_tags": {"plan": ["gold"]}}
    assert openid.verify(ctx, token, POOL)["amr"] == ["authenticated", "login.app"]


def test_the_key_survives_a_restart(ctx):
    kid = openid_keys.signing_key(ctx).kid
    ctx.store.identity.forget_all()
    assert openid_keys.signing_key(ctx).kid == kid


def test_an_expired_token_is_refused(ctx, clock):
    token = openid.issue(ctx, IDENTITY, POOL, ["authenticated"], 600)
    clock.advance(600)
    with pytest.raises(NotAuthorizedException) as refused:
        openid.verify(ctx, token, POOL)
    assert refused.value.message.startswith("Invalid login token. Token expired: ")


@pytest.mark.parametrize("change", [
    lambda t: t[:-6] + ("A" * 6 if not t.endswith("A" * 6) else "B" * 6),
    lambda t: "x.y.z",
])
def test_an_altered_token_is_refused(ctx, change):
    token = openid.issue(ctx, IDENTITY, POOL, ["authenticated"], 600)
    with pytest.raises(NotAuthorizedException):
        openid.verify(ctx, change(token), POOL)


def test_a_token_of_another_pool_is_refused(ctx):
    token = openid.issue(ctx, IDENTITY, POOL, ["authenticated"], 600)
    with pytest.raises(NotAuthorizedException):
        openid.verify(ctx, token, "us-east-1:00000000-0000-4000-8000-000000000000")
