"""An OpenID Connect client library, unchanged, against the service: Authlib's OAuth2Session
does discovery, builds the authorization URL (PKCE S256, nonce, state), exchanges the code,
validates the ID token against the JWKS (signature, issuer, audience, nonce, at_hash) and
calls userInfo. The browser part is a plain HTTP form post, as a browser would make it."""

import secrets
import warnings

import requests
from authlib.integrations.requests_client import OAuth2Session

with warnings.catch_warnings():
    # Authlib announces a move of its JOSE module to joserfc; its OIDC checks still use it.
    warnings.simplefilter("ignore")
    from authlib.jose import JsonWebKey, jwt
    from authlib.oidc.core import CodeIDToken

from hosted_ui_helpers import CALLBACK, Browser, make_user, oauth_client


def test_authlib_completes_discovery_login_and_token_validation(cognito_server, idp, pool):
    client = oauth_client(idp, pool, GenerateSecret=True)
    make_user(idp, pool, email="alice@example.com", email_verified="true")
    # The issuer (and so discovery) is the public URL, http://localhost:<port>.
    base = f"http://localhost:{cognito_server.port}"
    discovery = requests.get(f"{base}/{pool['Id']}/.well-known/openid-configuration").json()

    oauth = OAuth2Session(client["ClientId"], client["ClientSecret"],
                          scope="openid email profile", redirect_uri=CALLBACK,
                          code_challenge_method="S256")
    verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
    url, state = oauth.create_authorization_url(discovery["authorization_endpoint"],
                                                code_verifier=verifier, nonce=nonce)

    browser = Browser(base)
    page = browser.go("GET", url)
    assert page.status_code == 200, page.text
    back_to_app = browser.submit(page, username="alice", password="Passw0rd!")
    assert back_to_app.status_code == 302
    callback = back_to_app.headers["Location"]
    assert callback.startswith(CALLBACK + "?")

    token = oauth.fetch_token(discovery["token_endpoint"], authorization_response=callback,
                              code_verifier=verifier)
    assert {"access_token", "id_token", "refresh_token"} <= set(token)

    keys = JsonWebKey.import_key_set(requests.get(discovery["jwks_uri"]).json())
    claims = jwt.decode(token["id_token"], keys, claims_cls=CodeIDToken,
                        claims_options={"iss": {"essential": True,
                                                "values": [discovery["issuer"]]}},
                        claims_params={"nonce": nonce, "client_id": client["ClientId"],
                                       "access_token": token["access_token"]})
    claims.validate()
    assert claims["email"] == "alice@example.com"
    assert claims["cognito:username"] == "alice"

    info = oauth.get(discovery["userinfo_endpoint"])
    assert info.status_code == 200
    assert info.json()["sub"] == claims["sub"]
    assert info.json()["email"] == "alice@example.com"

    # And the library's refresh, with its client_secret_basic authentication.
    refreshed = oauth.refresh_token(discovery["token_endpoint"],
                                    refresh_token=token["refresh_token"])
    assert refreshed["access_token"] != token["access_token"]
