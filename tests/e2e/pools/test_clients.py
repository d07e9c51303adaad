"""App clients as AWS keeps them: ids, secrets, defaults, validity ranges, OAuth settings,
callback URLs, update semantics, listing and deletion."""

import re

import pytest


def _error(caught) -> dict:
    return caught.value.response["Error"]


def _client(idp, pool, **settings) -> dict:
    return idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app", **settings)["UserPoolClient"]


def test_client_ids_look_like_aws_ones(idp, pool):
    ids = {_client(idp, pool)["ClientId"] for _ in range(20)}
    assert len(ids) == 20
    assert all(re.fullmatch(r"[0-9a-v]{26}", i) for i in ids)


def test_a_client_without_options_has_aws_defaults(idp, pool):
    client = _client(idp, pool)
    # The members AWS returns for `create-user-pool-client --client-name app`, no more.
    assert set(client) == {
        "UserPoolId", "ClientName", "ClientId", "LastModifiedDate", "CreationDate",
        "RefreshTokenValidity", "TokenValidityUnits", "AllowedOAuthFlowsUserPoolClient",
        "EnableTokenRevocation", "EnablePropagateAdditionalUserContextData", "AuthSessionValidity"}
    assert client["RefreshTokenValidity"] == 30
    assert client["TokenValidityUnits"] == {}
    assert client["AllowedOAuthFlowsUserPoolClient"] is False
    assert client["EnableTokenRevocation"] is True
    assert client["EnablePropagateAdditionalUserContextData"] is False
    assert client["AuthSessionValidity"] == 3
    assert client["CreationDate"] == client["LastModifiedDate"]
    assert (client["UserPoolId"], client["ClientName"]) == (pool["Id"], "app")


def test_generate_secret_gives_a_secret_that_describe_returns(idp, pool):
    client = _client(idp, pool, GenerateSecret=True)
    assert re.fullmatch(r"[0-9a-z]{24,64}", client["ClientSecret"])
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"] == client
    assert "ClientSecret" not in _client(idp, pool)


def test_explicit_settings_are_returned_as_given(idp, pool):
    client = _client(idp, pool, ExplicitAuthFlows=["USER_PASSWORD_AUTH"],
                     PreventUserExistenceErrors="ENABLED", AccessTokenValidity=60,
                     IdTokenValidity=60, TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes"},
                     ReadAttributes=["email", "email_verified"], WriteAttributes=["email"])
    assert client["ExplicitAuthFlows"] == ["USER_PASSWORD_AUTH"]
    assert client["PreventUserExistenceErrors"] == "ENABLED"
    assert (client["AccessTokenValidity"], client["IdTokenValidity"]) == (60, 60)
    assert client["TokenValidityUnits"] == {"AccessToken": "minutes", "IdToken": "minutes"}
    assert client["ReadAttributes"] == ["email", "email_verified"]


@pytest.mark.parametrize("settings", [
    {"AccessTokenValidity": 5, "TokenValidityUnits": {"AccessToken": "minutes"}},
    {"AccessTokenValidity": 300, "TokenValidityUnits": {"AccessToken": "seconds"}},
    {"AccessTokenValidity": 24},
    {"IdTokenValidity": 1, "TokenValidityUnits": {"IdToken": "days"}},
    {"RefreshTokenValidity": 60, "TokenValidityUnits": {"RefreshToken": "minutes"}},
    {"RefreshTokenValidity": 3650},
])
def test_validity_at_the_edges_of_the_ranges_is_accepted(idp, pool, settings):
    client = _client(idp, pool, **settings)
    for key, value in settings.items():
        assert client[key] == value


@pytest.mark.parametrize("settings", [
    {"AccessTokenValidity": 4, "TokenValidityUnits": {"AccessToken": "minutes"}},
    {"AccessTokenValidity": 299, "TokenValidityUnits": {"AccessToken": "seconds"}},
    {"AccessTokenValidity": 25},
    {"IdTokenValidity": 2, "TokenValidityUnits": {"IdToken": "days"}},
    {"RefreshTokenValidity": 59, "TokenValidityUnits": {"RefreshToken": "minutes"}},
    {"RefreshTokenValidity": 3651},
])
def test_validity_outside_the_ranges_is_refused(idp, pool, settings):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        _client(idp, pool, **settings)


def test_a_refresh_validity_of_zero_means_the_default(idp, pool):
    assert _client(idp, pool, RefreshTokenValidity=0)["RefreshTokenValidity"] == 30


@pytest.fixture
def orders(idp, pool):
    """A resource server `orders` with a scope `read`."""
    idp.create_resource_server(UserPoolId=pool["Id"], Identifier="orders", Name="Orders",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "Read"}])
    return "orders/read"


def test_client_credentials_need_a_secret(idp, pool, orders):
    oauth = {"AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthFlows": ["client_credentials"],
             "AllowedOAuthScopes": [orders]}
    with pytest.raises(idp.exceptions.InvalidOAuthFlowException):
        _client(idp, pool, **oauth)
    client = _client(idp, pool, GenerateSecret=True, **oauth)
    assert client["AllowedOAuthFlows"] == ["client_credentials"]
    assert client["AllowedOAuthScopes"] == [orders]


def test_client_credentials_stand_alone(idp, pool, orders):
    with pytest.raises(idp.exceptions.InvalidOAuthFlowException):
        _client(idp, pool, GenerateSecret=True, AllowedOAuthFlowsUserPoolClient=True,
                AllowedOAuthFlows=["client_credentials", "code"], AllowedOAuthScopes=[orders],
                CallbackURLs=["https://example.com/cb"])


def test_a_custom_scope_must_exist_in_a_resource_server(idp, pool):
    oauth = {"AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthFlows": ["code"],
             "AllowedOAuthScopes": ["openid", "orders/read"], "CallbackURLs": ["https://example.com/cb"]}
    with pytest.raises(idp.exceptions.ScopeDoesNotExistException):
        _client(idp, pool, **oauth)
    idp.create_resource_server(UserPoolId=pool["Id"], Identifier="orders", Name="Orders",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "Read"}])
    client = _client(idp, pool, **oauth)
    assert client["AllowedOAuthScopes"] == ["openid", "orders/read"]
    assert client["AllowedOAuthFlowsUserPoolClient"] is True


@pytest.mark.parametrize("url", [
    "https://example.com/cb", "http://localhost:3000/cb", "http://127.0.0.1:8080/cb",
    "http://[::1]:8080/cb", "myapp://callback", "https://example.com/cb?x=1",
])
def test_acceptable_callback_urls(idp, pool, url):
    client = _client(idp, pool, CallbackURLs=[url], DefaultRedirectURI=url)
    assert (client["CallbackURLs"], client["DefaultRedirectURI"]) == ([url], url)


@pytest.mark.parametrize("url", [
    "http://example.com/cb", "https://example.com/cb#fragment", "/relative/cb",
])
def test_unacceptable_callback_urls(idp, pool, url):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        _client(idp, pool, CallbackURLs=[url])


def test_the_default_redirect_must_be_a_callback_url(idp, pool):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        _client(idp, pool, CallbackURLs=["https://example.com/a"], DefaultRedirectURI="https://example.com/b")


def test_read_attributes_must_exist_in_the_pool(idp, pool):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        _client(idp, pool, ReadAttributes=["custom:nope"])


def test_identity_providers_must_exist_in_the_pool(idp, pool):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        _client(idp, pool, SupportedIdentityProviders=["Google"])
    assert _client(idp, pool, SupportedIdentityProviders=["COGNITO"])["SupportedIdentityProviders"] == ["COGNITO"]


def test_update_resets_what_it_omits(idp, pool):
    client = _client(idp, pool, GenerateSecret=True, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"],
                     AccessTokenValidity=2, ReadAttributes=["email"], PreventUserExistenceErrors="ENABLED",
                     CallbackURLs=["https://example.com/cb"], EnableTokenRevocation=False,
                     AuthSessionValidity=10, TokenValidityUnits={"AccessToken": "hours"})
    updated = idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                          ClientName="renamed")["UserPoolClient"]
    fresh = _client(idp, pool)
    assert set(updated) == set(fresh) | {"ClientSecret"}
    for key in ("RefreshTokenValidity", "TokenValidityUnits", "EnableTokenRevocation",
                "AuthSessionValidity", "AllowedOAuthFlowsUserPoolClient"):
        assert updated[key] == fresh[key], key
    for key in ("ClientId", "ClientSecret", "CreationDate", "UserPoolId"):
        assert updated[key] == client[key], key
    assert updated["ClientName"] == "renamed"
    assert updated["LastModifiedDate"] >= client["LastModifiedDate"]
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"] == updated


def test_update_without_a_name_keeps_the_name(idp, pool):
    client = _client(idp, pool)
    updated = idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                          AuthSessionValidity=7)["UserPoolClient"]
    assert (updated["ClientName"], updated["AuthSessionValidity"]) == ("app", 7)


def test_list_clients_pages_through_every_client_once(idp, pool):
    mine = {_client(idp, pool, GenerateSecret=True)["ClientId"] for _ in range(5)}
    seen, token = [], None
    while True:
        page = idp.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=2,
                                          **({"NextToken": token} if token else {}))
        assert len(page["UserPoolClients"]) <= 2
        for entry in page["UserPoolClients"]:
            assert set(entry) == {"ClientId", "UserPoolId", "ClientName"}
        seen += [c["ClientId"] for c in page["UserPoolClients"]]
        token = page.get("NextToken")
        if not token:
            break
    assert sorted(seen) == sorted(mine)
    full = idp.get_paginator("list_user_pool_clients").paginate(UserPoolId=pool["Id"], MaxResults=3)
    assert {c["ClientId"] for c in full.build_full_result()["UserPoolClients"]} == mine


def test_clients_of_one_pool_are_not_listed_in_another(idp, pool):
    _client(idp, pool)
    other = idp.create_user_pool(PoolName="other")["UserPool"]
    assert idp.list_user_pool_clients(UserPoolId=other["Id"])["UserPoolClients"] == []


def test_delete_client(idp, pool):
    client = _client(idp, pool)
    idp.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    for call in (idp.describe_user_pool_client, idp.delete_user_pool_client):
        with pytest.raises(idp.exceptions.ResourceNotFoundException) as caught:
            call(UserPoolId=pool["Id"], ClientId=client["ClientId"])
        assert _error(caught)["Message"] == f"User pool client {client['ClientId']} does not exist."


def test_a_client_is_found_only_in_its_own_pool(idp, pool):
    client = _client(idp, pool)
    other = idp.create_user_pool(PoolName="other")["UserPool"]
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_user_pool_client(UserPoolId=other["Id"], ClientId=client["ClientId"])


def test_deleting_the_pool_deletes_its_clients(idp):
    pool = idp.create_user_pool(PoolName="with-client")["UserPool"]
    client = _client(idp, pool)
    idp.delete_user_pool(UserPoolId=pool["Id"])
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
