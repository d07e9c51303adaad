"""Client authentication at the token endpoint: HTTP Basic (form-encoded parts) and post."""

import base64

import pytest

from cfn_cognito.oauth.client_auth import basic_credentials
from cfn_cognito.oauth.errors import InvalidClientError


def basic(text: str) -> str:
    return "Basic " + base64.b64encode(text.encode()).decode()


def test_basic_credentials_are_form_decoded():
    assert basic_credentials(basic("client:s%3Acret+x")) == ("client", "s:cret x")
    assert basic_credentials("basic " + basic("a:b")[6:]) == ("a", "b")


def test_no_basic_header_is_none():
    assert basic_credentials(None) is None
    assert basic_credentials("Bearer abc") is None


@pytest.mark.parametrize("header", ["Basic !!!", basic("no-colon")])
def test_malformed_basic_credentials_are_invalid_client(header):
    with pytest.raises(InvalidClientError):
        basic_credentials(header)
