"""Client secret rotation: at most two active secrets, values shown only when generated,
and the client's ClientSecret kept at the newest one (the secret SECRET_HASH uses)."""

import base64
import hashlib
import hmac
import re

from user_helpers import error_of, make_client, make_pool  # noqa: F401


def _secret_client(idp, pool, **settings) -> dict:
    return make_client(idp, pool, GenerateSecret=True, **settings)


def _sign_in(idp, client, secret, username="sam", password="Passw0rd!") -> dict:
    """USER_PASSWORD_AUTH with the SECRET_HASH that `secret` makes."""
    digest = hmac.new(secret.encode(), (username + client["ClientId"]).encode(), hashlib.sha256)
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": password,
                                             "SECRET_HASH": base64.b64encode(digest.digest()).decode()})


def test_a_confidential_client_starts_with_its_own_secret_listed(idp, pool):
    client = _secret_client(idp, pool)
    [secret] = idp.list_user_pool_client_secrets(UserPoolId=pool["Id"],
                                                 ClientId=client["ClientId"])["ClientSecrets"]
    assert re.fullmatch(rf"{client['ClientId']}--\d{{13}}", secret["ClientSecretId"])
    assert secret["ClientSecretCreateDate"] == client["CreationDate"]
    assert "ClientSecretValue" not in secret


def test_a_second_secret_rotates_in_and_the_first_can_then_go(idp, pool):
    client = _secret_client(idp, pool)
    added = idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    new = added["ClientSecretDescriptor"]
    assert re.fullmatch(r"[a-z0-9]{51}", new["ClientSecretValue"])
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"]["ClientSecret"] == new["ClientSecretValue"]
    listed = idp.list_user_pool_client_secrets(UserPoolId=pool["Id"],
                                               ClientId=client["ClientId"])["ClientSecrets"]
    assert [s["ClientSecretId"] for s in listed][1] == new["ClientSecretId"]
    assert len(listed) == 2 and all("ClientSecretValue" not in s for s in listed)
    assert error_of(idp.add_user_pool_client_secret, UserPoolId=pool["Id"],
                    ClientId=client["ClientId"])[0] == "LimitExceededException"

    idp.delete_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                       ClientSecretId=listed[0]["ClientSecretId"])
    [left] = idp.list_user_pool_client_secrets(UserPoolId=pool["Id"],
                                               ClientId=client["ClientId"])["ClientSecrets"]
    assert left["ClientSecretId"] == new["ClientSecretId"]
    code, message = error_of(idp.delete_user_pool_client_secret, UserPoolId=pool["Id"],
                             ClientId=client["ClientId"], ClientSecretId=left["ClientSecretId"])
    assert code == "InvalidParameterException" and "last" in message


def test_a_secret_you_choose_is_not_echoed_back(idp, pool):
    client = _secret_client(idp, pool)
    chosen = "my_own_secret_value_0123456789"
    added = idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                            ClientSecret=chosen)["ClientSecretDescriptor"]
    assert "ClientSecretValue" not in added and added["ClientSecretId"]
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"]["ClientSecret"] == chosen


def test_the_newest_secret_signs_secret_hash(idp, pool):
    client = _secret_client(idp, pool, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                          "ALLOW_REFRESH_TOKEN_AUTH"])
    idp.admin_create_user(UserPoolId=pool["Id"], Username="sam", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="sam", Password="Passw0rd!",
                                Permanent=True)
    new = idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    result = _sign_in(idp, client, new["ClientSecretDescriptor"]["ClientSecretValue"])
    assert result["AuthenticationResult"]["AccessToken"]


def test_a_public_client_has_no_secret_to_rotate(idp, pool):
    client = make_client(idp, pool)
    assert idp.list_user_pool_client_secrets(UserPoolId=pool["Id"],
                                             ClientId=client["ClientId"])["ClientSecrets"] == []
    assert error_of(idp.add_user_pool_client_secret, UserPoolId=pool["Id"],
                    ClientId=client["ClientId"])[0] == "InvalidParameterException"
    assert error_of(idp.delete_user_pool_client_secret, UserPoolId=pool["Id"],
                    ClientId=client["ClientId"], ClientSecretId="x--1")[0] == \
        "ResourceNotFoundException"


def test_both_active_secrets_authenticate_until_the_old_one_is_deleted(idp, pool):
    # A rotation rolls out over time: apps holding the old secret keep signing in until the
    # old secret is deleted, then they are refused.
    client = _secret_client(idp, pool, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                          "ALLOW_REFRESH_TOKEN_AUTH"])
    idp.admin_create_user(UserPoolId=pool["Id"], Username="sam", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="sam", Password="Passw0rd!",
                                Permanent=True)
    old = client["ClientSecret"]
    new = idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"]
                                          )["ClientSecretDescriptor"]["ClientSecretValue"]

    def sign_in(secret):
        return _sign_in(idp, client, secret)

    refresh = sign_in(old)["AuthenticationResult"]["RefreshToken"]
    assert sign_in(new)["AuthenticationResult"]["AccessToken"]
    renewed = idp.get_tokens_from_refresh_token(RefreshToken=refresh, ClientId=client["ClientId"],
                                                ClientSecret=old)
    assert renewed["AuthenticationResult"]["AccessToken"]
    # An update of the client's settings keeps both secrets, and answers show no extra field.
    updated = idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                          ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                             "ALLOW_REFRESH_TOKEN_AUTH"])
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    for answer in (updated, described):
        assert not [k for k in answer["UserPoolClient"] if k.startswith("_")]
    assert sign_in(old)["AuthenticationResult"]["AccessToken"]

    first = idp.list_user_pool_client_secrets(UserPoolId=pool["Id"], ClientId=client["ClientId"]
                                              )["ClientSecrets"][0]["ClientSecretId"]
    idp.delete_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                       ClientSecretId=first)
    code, message = error_of(sign_in, secret=old)
    assert code == "NotAuthorizedException" and "secret hash" in message
    assert sign_in(new)["AuthenticationResult"]["AccessToken"]
