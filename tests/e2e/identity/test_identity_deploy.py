"""An identity pool deployed from a template (AWS::Cognito::IdentityPool,
IdentityPoolRoleAttachment, IdentityPoolPrincipalTag) works as one made through the API:
a user of the stack's user pool gets credentials in the role its group maps to."""

import json
import os
import subprocess
import sys
import uuid

import pytest

from identity_helpers import PASSWORD, error_of, identity  # noqa: F401

TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: identity-stack-pool
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
  Admins:
    Type: AWS::Cognito::UserPoolGroup
    Properties:
      UserPoolId: !Ref Pool
      GroupName: admins
  AuthRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
  AdminRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
  Identities:
    Type: AWS::Cognito::IdentityPool
    Properties:
      IdentityPoolName: !Sub ${AWS::StackName}_identities
      AllowUnauthenticatedIdentities: false
      CognitoIdentityProviders:
        - ProviderName: !GetAtt Pool.ProviderName
          ClientId: !Ref Client
      IdentityPoolTags:
        - {Key: team, Value: blue}
  Roles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Identities
      Roles:
        authenticated: !GetAtt AuthRole.Arn
      RoleMappings:
        UserPool:
          IdentityProvider: !Sub "${Pool.ProviderName}:${Client}"
          Type: Rules
          AmbiguousRoleResolution: AuthenticatedRole
          RulesConfiguration:
            Rules:
              - {Claim: "cognito:groups", MatchType: Contains, Value: admins,
                 RoleARN: !GetAtt AdminRole.Arn}
  Tags:
    Type: AWS::Cognito::IdentityPoolPrincipalTag
    Properties:
      IdentityPoolId: !Ref Identities
      IdentityProviderName: !GetAtt Pool.ProviderName
      UseDefaults: true
Outputs:
  PoolId: {Value: !Ref Pool}
  ClientId: {Value: !Ref Client}
  IdentityPoolId: {Value: !Ref Identities}
  IdentityPoolName: {Value: !GetAtt Identities.Name}
  AdminRoleArn: {Value: !GetAtt AdminRole.Arn}
"""


def _cli(url: str, *args: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
    return subprocess.run([sys.executable, "-m", "cfn_cognito", *args, "--endpoint", url],
                          capture_output=True, text=True, env=environ, timeout=180)


@pytest.fixture
def stack(cognito_url, tmp_path):
    """The template deployed as a new stack: its outputs; the stack is deleted after."""
    name = "identity" + uuid.uuid4().hex[:8]
    template = tmp_path / "template.yaml"
    template.write_text(TEMPLATE)
    result = _cli(cognito_url, "deploy", str(template), "--stack-name", name, "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    yield name, {o["OutputKey"]: o["OutputValue"] for o in answer["Outputs"]}
    _cli(cognito_url, "delete", "--stack-name", name)


def test_a_deployed_identity_pool_gives_mapped_credentials(cognito_url, idp, identity, stack):
    name, out = stack
    pool = identity.describe_identity_pool(IdentityPoolId=out["IdentityPoolId"])
    assert pool["IdentityPoolName"] == out["IdentityPoolName"] == f"{name}_identities"
    assert pool["IdentityPoolTags"] == {"team": "blue"}
    provider = f"cognito-idp.us-east-1.amazonaws.com/{out['PoolId']}"
    tags = identity.get_principal_tag_attribute_map(IdentityPoolId=out["IdentityPoolId"],
                                                    IdentityProviderName=provider)
    assert tags["UseDefaults"] is True

    idp.admin_create_user(UserPoolId=out["PoolId"], Username="ada", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=out["PoolId"], Username="ada", Password=PASSWORD,
                                Permanent=True)
    idp.admin_add_user_to_group(UserPoolId=out["PoolId"], Username="ada", GroupName="admins")
    id_token = idp.initiate_auth(ClientId=out["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "ada", "PASSWORD": PASSWORD},
                                 )["AuthenticationResult"]["IdToken"]
    logins = {provider: id_token}
    identity_id = identity.get_id(IdentityPoolId=out["IdentityPoolId"], Logins=logins)["IdentityId"]
    # The admin role is the admins group's: asking for it is allowed, another role is not.
    creds = identity.get_credentials_for_identity(IdentityId=identity_id, Logins=logins,
                                                  CustomRoleArn=out["AdminRoleArn"])
    assert creds["Credentials"]["AccessKeyId"].startswith("ASIA")
    code, _ = error_of(identity.get_credentials_for_identity, IdentityId=identity_id,
                       Logins=logins, CustomRoleArn="arn:aws:iam::000000000000:role/other")
    assert code == "NotAuthorizedException"


def test_deleting_the_stack_deletes_the_identity_pool(cognito_url, identity, stack):
    name, out = stack
    deleted = _cli(cognito_url, "delete", "--stack-name", name)
    assert deleted.returncode == 0, deleted.stderr
    code, _ = error_of(identity.describe_identity_pool, IdentityPoolId=out["IdentityPoolId"])
    assert code == "ResourceNotFoundException"
