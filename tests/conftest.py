"""Shared fixtures. The server itself comes from cfn_cognito.testing (our pytest plugin)."""

import os

import boto3
import pytest

# Clients must never reach a real AWS account or use the developer's profile.
os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
})
os.environ.pop("AWS_PROFILE", None)


@pytest.fixture(scope="session")
def idp(cognito_url):
    """A boto3 cognito-idp client pointed at the local service."""
    return boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1")


@pytest.fixture
def pool(idp):
    """A fresh user pool, deleted after the test."""
    pool = idp.create_user_pool(PoolName="test-pool")["UserPool"]
    yield pool
    try:
        idp.delete_user_pool(UserPoolId=pool["Id"])
    except idp.exceptions.ClientError:
        pass
