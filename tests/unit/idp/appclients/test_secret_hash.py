"""SECRET_HASH computation and the errors for a missing or wrong one."""

import pytest

from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.errors import NotAuthorizedException

CLIENT = {"ClientId": "1example23456789", "ClientSecret": "clientsecret"}


def test_hash_matches_the_documented_formula():
    assert secret_hash.compute("1example23456789", "clientsecret", "alice") == \
        "2qghkWF+ll9ai/YF+3Ys4jOpbTRPSXLDPkki2Zn8UD8="


def test_client_with_secret_needs_the_right_hash():
    secret_hash.check(CLIENT, "alice", "2qghkWF+ll9ai/YF+3Ys4jOpbTRPSXLDPkki2Zn8UD8=")
    with pytest.raises(NotAuthorizedException) as err:
        secret_hash.check(CLIENT, "alice", None)
    assert err.value.message == ("Client 1example23456789 is configured with secret but "
                                 "SECRET_HASH was not received")
    with pytest.raises(NotAuthorizedException) as err:
        secret_hash.check(CLIENT, "bob", "2qghkWF+ll9ai/YF+3Ys4jOpbTRPSXLDPkki2Zn8UD8=")
    assert err.value.message == "Unable to verify secret hash for client 1example23456789"


def test_client_without_secret_needs_nothing():
    secret_hash.check({"ClientId": "x"}, "alice", None)
