"""Which scopes a sign-in is granted, and which attributes OIDC scopes release."""

import pytest

from cfn_cognito.idp.issuer import tokens
from cfn_cognito.oauth import scopes

CLIENT = {"AllowedOAuthScopes": ["phone", "email", "openid", "aws.cognito.signin.user.admin",
                                 "orders/read"]}


def test_no_scope_parameter_grants_everything_the_client_allows():
    assert scopes.granted(CLIENT, None) == CLIENT["AllowedOAuthScopes"]


def test_scopes_the_client_does_not_allow_are_ignored():
    assert scopes.granted(CLIENT, scopes.parse("openid profile email orders/write")) == [
        "email", "openid"]


def test_oidc_attribute_scopes_need_openid():
    assert scopes.granted(CLIENT, scopes.parse("email phone orders/read")) == ["orders/read"]
    assert scopes.granted(CLIENT, scopes.parse("profile")) == []


def test_parse_splits_on_any_whitespace_and_drops_repeats():
    assert scopes.parse(" openid  email openid ") == ["openid", "email"]
    assert scopes.parse(None) is None and scopes.parse(" ") is None


def test_custom_scopes_are_those_of_resource_servers():
    assert scopes.custom(CLIENT["AllowedOAuthScopes"]) == ["orders/read"]


@pytest.mark.parametrize("granted, released", [
    (["openid"], None),
    (["openid", "profile", "email"], None),
    (["openid", "email"], {"email", "email_verified"}),
    (["openid", "phone", "email"], {"email", "email_verified", "phone_number",
                                    "phone_number_verified"}),
])
def test_attributes_released_by_oidc_scopes(granted, released):
    assert tokens.released_attributes(granted) == released
