"""Real things for fuzzed requests to name: a pool with a client, a confirmed user signed in,
a group, a resource server, a domain, an identity pool and an identity.

Random ids only ever reach "not found"; real ones take a request past the lookups into the
code that acts. Fuzzed requests may delete or change these things (a DeleteUserPool with the
real id is a valid request): `ensure()` rebuilds the world when it is no longer whole.
"""

from __future__ import annotations

import uuid

import boto3
import botocore.config
import requests

import hardening_wire as wire

PASSWORD = "Fuzz-Passw0rd!"
CALLBACK = "http://localhost:3000/callback"


def clients(url: str):
    config = botocore.config.Config(retries={"max_attempts": 0})
    kw = dict(endpoint_url=url, region_name="us-east-1", config=config)
    return boto3.client("cognito-idp", **kw), boto3.client("cognito-identity", **kw)


class World:
    def __init__(self, url: str):
        self.url = url
        self.idp, self.identity = clients(url)
        self.http = requests.Session()
        self.refs: dict[str, list] = {}
        self.build()

    def build(self) -> None:
        idp = self.idp
        tag = uuid.uuid4().hex[:8]
        pool = idp.create_user_pool(
            PoolName=f"fuzz-{tag}", AutoVerifiedAttributes=["email"],
            Schema=[{"Name": "team", "AttributeDataType": "String", "Mutable": True}],
        )["UserPool"]
        client = idp.create_user_pool_client(
            UserPoolId=pool["Id"], ClientName="fuzz",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                               "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH",
                               "ALLOW_REFRESH_TOKEN_AUTH"],
            AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code", "implicit"],
            AllowedOAuthScopes=["openid", "email", "profile", "aws.cognito.signin.user.admin"],
            CallbackURLs=[CALLBACK], SupportedIdentityProviders=["COGNITO"],
        )["UserPoolClient"]
        username = f"fuzzer-{tag}"
        idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": f"{tag}@example.com"},
                                              {"Name": "email_verified", "Value": "true"}])
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username,
                                    Password=PASSWORD, Permanent=True)
        idp.create_group(UserPoolId=pool["Id"], GroupName="fuzzers")
        idp.create_resource_server(UserPoolId=pool["Id"], Identifier="https://api.fuzz",
                                   Name="api", Scopes=[{"ScopeName": "read",
                                                        "ScopeDescription": "read"}])
        domain = f"fuzz-{tag}"
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
        signed_in = idp.initiate_auth(
            ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD})["AuthenticationResult"]
        provider = f"cognito-idp.us-east-1.amazonaws.com/{pool['Id']}"
        identity_pool = self.identity.create_identity_pool(
            IdentityPoolName=f"fuzz{tag}", AllowUnauthenticatedIdentities=True,
            CognitoIdentityProviders=[{"ProviderName": provider,
                                       "ClientId": client["ClientId"]}])
        identity_id = self.identity.get_id(
            IdentityPoolId=identity_pool["IdentityPoolId"],
            Logins={provider: signed_in["IdToken"]})["IdentityId"]

        self.pool, self.client, self.username = pool, client, username
        self.tokens = signed_in
        self.identity_pool_id, self.identity_id = identity_pool["IdentityPoolId"], identity_id
        self.refs = {
            "UserPoolId": [pool["Id"]],
            "ClientId": [client["ClientId"]],
            "Username": [username, f"{tag}@example.com"],
            "AccessToken": [signed_in["AccessToken"]],
            "RefreshToken": [signed_in["RefreshToken"]],
            "Token": [signed_in["RefreshToken"], signed_in["AccessToken"]],
            "IdToken": [signed_in["IdToken"]],
            "GroupName": ["fuzzers"],
            "Identifier": ["https://api.fuzz"],
            "Domain": [domain],
            "ResourceArn": [pool["Arn"]],
            "Password": [PASSWORD],
            "PreviousPassword": [PASSWORD],
            "ProposedPassword": ["Another-Passw0rd!"],
            "IdentityPoolId": [identity_pool["IdentityPoolId"]],
            "IdentityId": [identity_id],
            "ProviderName": ["COGNITO", provider],
            "Logins": [{provider: signed_in["IdToken"]}],
            # AttributeType's Name: attributes the pool has, and ones it must refuse to change.
            "Name": ["email", "email_verified", "name", "custom:team", "sub", "phone_number",
                     "custom:nope", "cognito:username"],
        }

    def intact(self) -> bool:
        """Whether the pool, client, user and its access token all still work (asked on the
        wire: this runs before every operation's batch)."""
        pool_id = self.pool["Id"]
        checks = [("cognito-idp", "GetUser", {"AccessToken": self.tokens["AccessToken"]}),
                  ("cognito-idp", "DescribeUserPoolClient",
                   {"UserPoolId": pool_id, "ClientId": self.client["ClientId"]}),
                  ("cognito-identity", "DescribeIdentityPool",
                   {"IdentityPoolId": self.identity_pool_id}),
                  ("cognito-idp", "AdminGetUser", {"UserPoolId": pool_id,
                                                   "Username": self.username})]
        for service, operation, body in checks:
            answer = wire.call(self.http, self.url, service, operation, body)
            if answer.status != 200:
                return False
        user = answer.json()
        return user["Enabled"] and user["UserStatus"] == "CONFIRMED"

    def ensure(self) -> None:
        if not self.intact():
            self.build()
