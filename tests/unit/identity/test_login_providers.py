"""Provider names in Logins: a user pool as AWS names it and as its issuer here."""

import pytest

from cfn_cognito.config import Settings
from cfn_cognito.identity import providers

SETTINGS = Settings(port=4566)


@pytest.mark.parametrize("name", [
    "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123",
    "cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC123",
    "http://localhost:4566/us-east-1_AbC123",
    "localhost:4566/us-east-1_AbC123",
])
def test_every_spelling_of_a_user_pool_names_it(name):
    assert providers.user_pool_id(SETTINGS, name) == "us-east-1_AbC123"
    assert providers.canonical(SETTINGS, name) == (
        "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123")


@pytest.mark.parametrize("name", [
    "graph.facebook.com", "accounts.google.com", "localhost:9999/us-east-1_AbC123",
    "cognito-idp.us-east-1.amazonaws.com/not-a-pool", "login.myapp.example",
])
def test_other_names_are_not_user_pools(name):
    assert providers.user_pool_id(SETTINGS, name) is None
    assert providers.canonical(SETTINGS, name) == name


def test_a_public_url_is_the_local_issuer():
    settings = Settings(public_url="https://cognito.dev.example.com/")
    assert providers.user_pool_id(settings, "cognito.dev.example.com/us-east-1_X1") == "us-east-1_X1"
    assert providers.openid_issuer(settings) == "https://cognito.dev.example.com/identity"


@pytest.mark.parametrize("name,ours", [
    ("cognito-identity.amazonaws.com", True), ("http://localhost:4566/identity", True),
    ("localhost:4566/identity", True), ("cognito-identity.amazonaws.com/x", False),
])
def test_the_services_own_tokens_login(name, ours):
    assert providers.is_cognito_identity(SETTINGS, name) is ours
