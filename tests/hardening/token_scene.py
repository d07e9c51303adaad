"""The scene of the forged-token matrix: a pool with two app clients, another pool, users
signed in, and the pool's signing keys read from the server's own store (an insider's view:
a token re-signed with the real key isolates each claim check from the signature check).

Genuine tokens are minted in the test process by the service's own code on the server's data
directory (same settings, same keys, same store), with the OAuth scopes every place needs:
`openid` for /oauth2/userInfo, `aws.cognito.signin.user.admin` for the API's token operations.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import time
import uuid
from dataclasses import dataclass

import boto3
import botocore.config
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.idp.appclients import clients
from cfn_cognito.idp.issuer import keys
from cfn_cognito.idp.userpools import pools
from cfn_cognito.idp.issuer import refresh_tokens
from cfn_cognito.idp.issuer import tokens
from cfn_cognito.store import open_store

PASSWORD = "Forge-Passw0rd!"
SCOPES = ["openid", "email", "profile", "aws.cognito.signin.user.admin"]
CALLBACK = "http://localhost:3000/callback"


def api_client(url: str):
    return boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1",
                        config=botocore.config.Config(retries={"max_attempts": 0}))


def oauth_client(idp, pool_id: str, name: str) -> dict:
    return idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName=name,
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
                           "ALLOW_ADMIN_USER_PASSWORD_AUTH"],
        AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile", "aws.cognito.signin.user.admin"],
        CallbackURLs=[CALLBACK], SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]


@dataclass
class Session:
    """A user signed in through one client: the three tokens of that sign-in."""

    pool_id: str
    client_id: str
    username: str
    access: str
    id: str
    refresh: str

    def token(self, use: str) -> str:
        return self.access if use == keys.ACCESS else self.id


class Scene:
    def __init__(self, server, pool_id: str | None = None, client_id: str | None = None):
        self.server = server
        self.url = server.url
        self.idp = api_client(server.url)
        self.store = open_store(server.data_dir, server.database_url or "")
        self.settings = Settings(port=server.port)
        if pool_id is None:
            pool_id = self.idp.create_user_pool(PoolName="forge-a")["UserPool"]["Id"]
        self.pool_id = pool_id
        self.client_id = client_id or oauth_client(self.idp, pool_id, "forge-a1")["ClientId"]
        self.other_client_id = oauth_client(self.idp, pool_id, "forge-a2")["ClientId"]
        self.other_pool_id = self.idp.create_user_pool(PoolName="forge-b")["UserPool"]["Id"]
        self.other_pool_client_id = oauth_client(self.idp, self.other_pool_id,
                                                 "forge-b1")["ClientId"]
        self.domain = f"forge-{uuid.uuid4().hex[:8]}"
        try:
            self.idp.create_user_pool_domain(UserPoolId=pool_id, Domain=self.domain)
        except self.idp.exceptions.InvalidParameterException:
            self.domain = self.idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Domain"]
        with self.context() as ctx:
            self.keys = keys.pool_keys(ctx, pool_id)

    def close(self) -> None:
        self.store.close()

    @contextlib.contextmanager
    def context(self, seconds_ahead: float = 0.0):
        yield Context(settings=self.settings, store=self.store,
                      clock=lambda: time.time() + seconds_ahead)

    @property
    def issuer(self) -> str:
        return tokens.issuer(self.settings, self.pool_id)

    def user(self, pool_id: str | None = None) -> str:
        """A new confirmed user with a permanent password."""
        pool_id = pool_id or self.pool_id
        # An email address: the name works in pools whose usernames are email addresses too.
        username = f"u{uuid.uuid4().hex[:10]}@example.com"
        self.idp.admin_create_user(
            UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": username},
                            {"Name": "email_verified", "Value": "true"}])
        self.idp.admin_set_user_password(UserPoolId=pool_id, Username=username,
                                         Password=PASSWORD, Permanent=True)
        return username

    def session(self, client_id: str | None = None, pool_id: str | None = None,
                username: str | None = None, seconds_ahead: float = 0.0) -> Session:
        """A fresh user (or `username`) signed in through the client, tokens minted `seconds_ahead`
        of now (negative: in the past)."""
        pool_id = pool_id or self.pool_id
        client_id = client_id or (self.client_id if pool_id == self.pool_id
                                  else self.other_pool_client_id)
        username = username or self.user(pool_id)
        user = self.idp.admin_get_user(UserPoolId=pool_id, Username=username)
        username = user["Username"]
        sub = next(a["Value"] for a in user["UserAttributes"] if a["Name"] == "sub")
        with self.context(seconds_ahead) as ctx:
            result = tokens.sign_in(
                ctx, pools.get_pool(ctx, pool_id), clients.get_client(ctx, pool_id, client_id),
                tokens.TokenSubject(username, sub, user["UserAttributes"]), groups=[],
                scopes=SCOPES, oauth=True)
        return Session(pool_id, client_id, username, result["AccessToken"], result["IdToken"],
                       result["RefreshToken"])

    # Sessions every place's forgeries can share (made once per scene).

    @functools.cached_property
    def revoked_session(self) -> Session:
        """A sign-in whose refresh token was revoked (RevokeToken): its tokens are dead."""
        session = self.session()
        self.idp.revoke_token(Token=session.refresh, ClientId=session.client_id)
        return session

    @functools.cached_property
    def signed_out_session(self) -> Session:
        """A user who signed out everywhere (GlobalSignOut) after this sign-in."""
        session = self.session(seconds_ahead=-5)
        self.idp.global_sign_out(AccessToken=self.session(username=session.username).access)
        return session

    @functools.cached_property
    def deleted_user_session(self) -> Session:
        session = self.session()
        self.idp.admin_delete_user(UserPoolId=self.pool_id, Username=session.username)
        return session

    @functools.cached_property
    def expired_session(self) -> Session:
        """A sign-in of 31 days ago: its refresh token's 30 days ran out."""
        return self.session(seconds_ahead=-31 * 24 * 3600)

    @functools.cached_property
    def other_client_session(self) -> Session:
        return self.session(client_id=self.other_client_id)

    @functools.cached_property
    def other_pool_session(self) -> Session:
        return self.session(pool_id=self.other_pool_id)

    def refresh_works(self, session: Session) -> bool:
        try:
            self.idp.get_tokens_from_refresh_token(RefreshToken=session.refresh,
                                                   ClientId=session.client_id)
        except self.idp.exceptions.ClientError:
            return False
        return True

    def sign(self, use: str, claims: dict, header: dict | None = None) -> str:
        """Claims signed by this pool's real key of `use` (the insider's forgery)."""
        key = self.keys[use]
        if header is None:
            return tokens.sign(key, claims)
        return sign_rs256(key.private_key, header, claims)


def sign_rs256(private_key, header: dict, claims: dict) -> str:
    signing_input = f"{segment(header)}.{segment(claims)}"
    signature = private_key.sign(signing_input.encode("ascii"), padding.PKCS1v15(),
                                 hashes.SHA256())
    return f"{signing_input}.{b64url(signature)}"


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def segment(obj) -> str:
    return b64url(json.dumps(obj, separators=(",", ":")).encode("utf-8"))


def refresh_shaped(rng_bytes: bytes, size: int = 1024) -> str:
    """A token with the refresh token's header and random segments (the right look, nothing
    behind it)."""
    parts = [refresh_tokens.HEADER] + [b64url(rng_bytes[:n]) for n in (256, 12, size, 16)]
    return ".".join(parts)
