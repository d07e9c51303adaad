"""The token endpoint's grants, one module each, each declaring its GRANT_TYPE and an
`exchange(ctx, pool, client, form) -> dict` giving the token response's body."""

from __future__ import annotations

from cfn_cognito.oauth.grants import (
    authorization_code,
    client_credentials,
    refresh_token,
    token_exchange,
)

GRANTS = {grant.GRANT_TYPE: grant
          for grant in (authorization_code, refresh_token, client_credentials, token_exchange)}
