"""Token claims as API Gateway hands them on: REST APIs' strings with Java dates, HTTP APIs'
Go-printed values (reference §8)."""

from cfn_cognito.gateway.claims import http_claims, java_date, rest_claims, scopes

TOKEN = {"sub": "u-1", "cognito:groups": ["admin", "staging-manager"], "email_verified": True,
         "auth_time": 1544112503, "exp": 1544116103, "iat": 1544112503,
         "custom:role": "editor", "identities": [{"providerName": "Google", "primary": "true"}]}


def test_rest_claims_are_strings_with_java_dates_and_joined_groups():
    claims = rest_claims(TOKEN)
    assert claims["exp"] == "Thu Dec 06 17:08:23 UTC 2018"
    assert claims["iat"] == java_date(1544112503) == "Thu Dec 06 16:08:23 UTC 2018"
    assert claims["auth_time"] == "1544112503"
    assert claims["cognito:groups"] == "admin,staging-manager"
    assert claims["email_verified"] == "true" and claims["custom:role"] == "editor"
    assert claims["identities"] == '{"providerName":"Google","primary":"true"}'


def test_java_dates_pad_the_day():
    assert java_date(1704153600) == "Tue Jan 02 00:00:00 UTC 2024"


def test_http_claims_print_arrays_in_brackets_and_numbers_as_digits():
    claims = http_claims(TOKEN)
    assert claims["cognito:groups"] == "[admin staging-manager]"
    assert claims["exp"] == "1544116103" and claims["email_verified"] == "true"
    assert claims["identities"] == "[map[primary:true providerName:Google]]"


def test_scopes_of_a_token():
    assert scopes({"scope": "openid email"}) == ["openid", "email"]
    assert scopes({"scp": ["a"]}) == ["a"]
    assert scopes({"token_use": "id"}) is None
