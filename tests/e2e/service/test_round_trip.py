"""Round trip through the AWS SDK's own code, for every implemented operation: botocore's
serializer writes the request, botocore's parser reads our answer, and every key we send
back must be a member of the operation's output shape with the right JSON type.

The operations come from `cfn_cognito.idp.operations`, so this grows with the project.
"""

import uuid
from dataclasses import dataclass

import pytest

from aws_wire import (
    assert_well_formed_error,
    implemented_operations,
    model,
    sample_request,
    send,
    shape_problems,
)

IMPLEMENTED = implemented_operations()

# The operations of the core: with the world below, each of them must succeed.
CORE = {
    "CreateUserPool", "DescribeUserPool", "ListUserPools", "UpdateUserPool", "DeleteUserPool",
    "AddCustomAttributes", "CreateUserPoolClient", "DescribeUserPoolClient",
    "ListUserPoolClients", "UpdateUserPoolClient", "DeleteUserPoolClient",
    "CreateUserPoolDomain", "DescribeUserPoolDomain", "UpdateUserPoolDomain",
    "DeleteUserPoolDomain", "CreateResourceServer", "DescribeResourceServer",
    "ListResourceServers", "UpdateResourceServer", "DeleteResourceServer", "CreateGroup",
    "GetGroup", "ListGroups", "UpdateGroup", "DeleteGroup", "TagResource", "UntagResource",
    "ListTagsForResource",
}
LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:"
ROLE = "arn:aws:iam::000000000000:role/"


@dataclass
class World:
    pool: dict
    client: dict
    domain: str
    spare: dict         # a pool with nothing in it, for DeleteUserPool

    @property
    def known(self) -> dict:
        """Member values that name the world's resources, for generic requests."""
        return {"UserPoolId": self.pool["Id"], "ClientId": self.client["ClientId"],
                "GroupName": "admins", "Identifier": "orders", "Domain": self.domain,
                "ResourceArn": self.pool["Arn"]}


@pytest.fixture
def world(idp):
    """A pool with a client, a group, a resource server and a prefix domain."""
    pool = idp.create_user_pool(PoolName="round-trip", Schema=[
        {"Name": "tier", "AttributeDataType": "String"}])["UserPool"]
    idp.create_resource_server(UserPoolId=pool["Id"], Identifier="orders", Name="Orders",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "Read orders"}])
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="app", GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "orders/read"], CallbackURLs=["https://example.com/cb"],
    )["UserPoolClient"]
    idp.create_group(UserPoolId=pool["Id"], GroupName="admins", Precedence=1)
    domain = f"rt-{uuid.uuid4().hex[:12]}"
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    spare = idp.create_user_pool(PoolName="spare")["UserPool"]
    yield World(pool, client, domain, spare)
    for call in (lambda: idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain),
                 lambda: idp.update_user_pool(UserPoolId=pool["Id"]),
                 lambda: idp.delete_user_pool(UserPoolId=pool["Id"]),
                 lambda: idp.delete_user_pool(UserPoolId=spare["Id"])):
        try:
            call()
        except idp.exceptions.ClientError:
            pass


def _pool_settings() -> dict:
    """Every pool setting a request can carry, so every output member gets exercised."""
    return {
        "Policies": {"PasswordPolicy": {"MinimumLength": 10, "RequireUppercase": True,
                                        "RequireLowercase": True, "RequireNumbers": False,
                                        "RequireSymbols": False, "PasswordHistorySize": 3,
                                        "TemporaryPasswordValidityDays": 3}},
        "DeletionProtection": "INACTIVE",
        "LambdaConfig": {"PreSignUp": LAMBDA + "pre", "PostConfirmation": LAMBDA + "post",
                         "PreTokenGeneration": LAMBDA + "ptg",
                         "CustomEmailSender": {"LambdaVersion": "V1_0", "LambdaArn": LAMBDA + "ces"},
                         "KMSKeyID": "arn:aws:kms:us-east-1:000000000000:key/abc"},
        "AutoVerifiedAttributes": ["email"],
        "VerificationMessageTemplate": {"EmailMessage": "Code {####}", "EmailSubject": "Code",
                                        "EmailMessageByLink": "Click {##here##}",
                                        "EmailSubjectByLink": "Link",
                                        "DefaultEmailOption": "CONFIRM_WITH_LINK"},
        "SmsAuthenticationMessage": "Your code {####}",
        "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]},
        "MfaConfiguration": "OFF",
        "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": True,
                                "DeviceOnlyRememberedOnUserPrompt": False},
        "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT",
                               "ReplyToEmailAddress": "reply@example.com"},
        "SmsConfiguration": {"SnsCallerArn": ROLE + "sms", "ExternalId": "ext", "SnsRegion": "us-east-1"},
        "UserPoolTags": {"team": "blue"},
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True, "InviteMessageTemplate": {
            "SMSMessage": "Hi {username} {####}", "EmailMessage": "Hi {username} {####}",
            "EmailSubject": "Welcome"}},
        "UserPoolAddOns": {"AdvancedSecurityMode": "OFF"},
        "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    }


def _client_settings(w: World) -> dict:
    return {
        "RefreshTokenValidity": 10, "AccessTokenValidity": 30, "IdTokenValidity": 30,
        "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
        "ReadAttributes": ["email", "custom:tier"], "WriteAttributes": ["email"],
        "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "SupportedIdentityProviders": ["COGNITO"],
        "CallbackURLs": ["https://example.com/cb", "http://localhost:3000/cb"],
        "LogoutURLs": ["https://example.com/bye"], "DefaultRedirectURI": "https://example.com/cb",
        "AllowedOAuthFlows": ["code", "implicit"], "AllowedOAuthScopes": ["openid", "orders/read"],
        "AllowedOAuthFlowsUserPoolClient": True,
        "AnalyticsConfiguration": {"ApplicationId": "0123456789abcdef0123456789abcdef", "RoleArn": ROLE + "pinpoint",
                                   "ExternalId": "ext", "UserDataShared": True},
        "PreventUserExistenceErrors": "ENABLED", "EnableTokenRevocation": True,
        "EnablePropagateAdditionalUserContextData": False, "AuthSessionValidity": 5,
    }


def _suffix() -> str:
    return uuid.uuid4().hex[:8]


# Requests richer than "required members only", for the operations that create or change.
REQUESTS = {
    "CreateUserPool": lambda w: {"PoolName": "rich", "AliasAttributes": ["email"],
                                 "UsernameConfiguration": {"CaseSensitive": False},
                                 "Schema": [{"Name": "plan", "AttributeDataType": "Number",
                                             "NumberAttributeConstraints": {"MinValue": "1"}}],
                                 **_pool_settings()},
    "UpdateUserPool": lambda w: {"UserPoolId": w.pool["Id"], **_pool_settings()},
    "ListUserPools": lambda w: {"MaxResults": 60},
    "DeleteUserPool": lambda w: {"UserPoolId": w.spare["Id"]},
    "AddCustomAttributes": lambda w: {"UserPoolId": w.pool["Id"], "CustomAttributes": [
        {"Name": "score", "AttributeDataType": "Number", "DeveloperOnlyAttribute": True}]},
    "CreateUserPoolClient": lambda w: {"UserPoolId": w.pool["Id"], "ClientName": "rich",
                                       "GenerateSecret": True, **_client_settings(w)},
    "UpdateUserPoolClient": lambda w: {"UserPoolId": w.pool["Id"], "ClientId": w.client["ClientId"],
                                       "ClientName": "renamed", **_client_settings(w)},
    "ListUserPoolClients": lambda w: {"UserPoolId": w.pool["Id"], "MaxResults": 10},
    "CreateUserPoolDomain": lambda w: {
        "UserPoolId": w.pool["Id"], "Domain": f"auth-{_suffix()}.example.com",
        "CustomDomainConfig": {"CertificateArn": "arn:aws:acm:us-east-1:000000000000:certificate/c"}},
    "UpdateUserPoolDomain": lambda w: {"UserPoolId": w.pool["Id"], "Domain": w.domain,
                                       "ManagedLoginVersion": 2},
    "CreateResourceServer": lambda w: {"UserPoolId": w.pool["Id"], "Identifier": f"https://{_suffix()}.example.com",
                                       "Name": "API", "Scopes": [{"ScopeName": "write",
                                                                  "ScopeDescription": "Write"}]},
    "UpdateResourceServer": lambda w: {"UserPoolId": w.pool["Id"], "Identifier": "orders",
                                       "Name": "Orders v2", "Scopes": [
                                           {"ScopeName": "read", "ScopeDescription": "Read"},
                                           {"ScopeName": "write", "ScopeDescription": "Write"}]},
    "ListResourceServers": lambda w: {"UserPoolId": w.pool["Id"], "MaxResults": 10},
    "CreateGroup": lambda w: {"UserPoolId": w.pool["Id"], "GroupName": f"g-{_suffix()}",
                              "Description": "A group", "RoleArn": ROLE + "group", "Precedence": 0},
    "UpdateGroup": lambda w: {"UserPoolId": w.pool["Id"], "GroupName": "admins",
                              "Description": "Admins", "RoleArn": ROLE + "admins", "Precedence": 5},
    "ListGroups": lambda w: {"UserPoolId": w.pool["Id"], "Limit": 10},
    "TagResource": lambda w: {"ResourceArn": w.pool["Arn"], "Tags": {"env": "dev", "team": "red"}},
    "UntagResource": lambda w: {"ResourceArn": w.pool["Arn"], "TagKeys": ["env"]},
}


def test_the_core_operations_are_all_implemented():
    assert CORE <= set(IMPLEMENTED)


@pytest.mark.parametrize("operation", IMPLEMENTED)
def test_round_trip(cognito_url, world, operation):
    build = REQUESTS.get(operation)
    params = build(world) if build else sample_request(operation, world.known)
    answer = send(cognito_url, operation, params)
    if operation in CORE:
        assert answer.status == 200, (operation, answer.raw)
    if answer.status != 200:
        assert_well_formed_error(answer, operation)
        return
    output = model().operation_model(operation).output_shape
    assert shape_problems(output, answer.raw) == []
    # Nothing we send is lost on the way through botocore's parser.
    assert set(answer.parsed) - {"ResponseMetadata"} == set(answer.raw)
    assert answer.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert answer.headers["x-amzn-RequestId"] == answer.parsed["ResponseMetadata"]["RequestId"]


POOL_SCOPED = [op for op in IMPLEMENTED
               if "UserPoolId" in model().operation_model(op).input_shape.members]


@pytest.mark.parametrize("operation", POOL_SCOPED)
def test_an_unknown_pool_round_trips_as_resource_not_found(cognito_url, operation):
    params = sample_request(operation, {"UserPoolId": "us-east-1_NoSuchPool"})
    answer = send(cognito_url, operation, params)
    assert_well_formed_error(answer, operation)
    assert answer.error == {"Code": "ResourceNotFoundException",
                            "Message": "User pool us-east-1_NoSuchPool does not exist."}


@pytest.mark.parametrize("operation", IMPLEMENTED)
def test_a_validation_error_round_trips(cognito_url, operation):
    answer = send(cognito_url, operation, {})
    input_shape = model().operation_model(operation).input_shape
    if not input_shape.required_members:
        return
    assert_well_formed_error(answer, operation)
    assert answer.error["Code"] == "InvalidParameterException"
    count = len(input_shape.required_members)
    noun = "validation error" if count == 1 else "validation errors"
    assert answer.error["Message"].startswith(f"{count} {noun} detected: ")
