"""The token endpoint's success body, from an AuthenticationResult."""

from __future__ import annotations

from cfn_cognito.oauth.scopes import OPENID


def token_response(result: dict, scopes: list[str] | None) -> dict:
    """`{access_token, id_token, refresh_token, token_type, expires_in}`: the ID token only when
    openid was granted (or for a sign-in made through the API, whose tokens always have one),
    the refresh token only when there is one."""
    body = {"access_token": result["AccessToken"]}
    if "IdToken" in result and (scopes is None or OPENID in scopes):
        body["id_token"] = result["IdToken"]
    if result.get("RefreshToken"):
        body["refresh_token"] = result["RefreshToken"]
    body["token_type"] = "Bearer"
    body["expires_in"] = result["ExpiresIn"]
    return body
