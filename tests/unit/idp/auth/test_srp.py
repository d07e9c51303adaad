"""The server side of USER_SRP_AUTH and DEVICE_SRP_AUTH against pycognito's client maths."""

import base64
import calendar
import datetime
import hashlib
import hmac
import json
import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pycognito.aws_srp import AWSSRP, generate_hash_device

from cfn_cognito.idp.auth import srp
from cfn_cognito.idp.auth import srp_math
from cfn_cognito.idp.errors import InvalidParameterException

POOL_ID = "us-east-1_AbCdEfGhI"
USER_ID = "7f1c2a9e-0b1d-4c3e-8f00-123456789abc"
PASSWORD = "Correct-Horse-9"


@pytest.fixture
def rng():
    return random.Random(20240305)


@pytest.fixture
def verifier(rng):
    return srp_math.make_verifier(POOL_ID, USER_ID, PASSWORD, rng)


def _client(password=PASSWORD, **device):
    # AWSSRP only calls boto3 in authenticate_user; its maths needs no client.
    return AWSSRP(username="alice", password=password, pool_id=POOL_ID, client_id="client",
                  client=object(), **device)


def _handshake(rng, verifier, password=PASSWORD):
    """Run start() and pycognito's answer; return (state, challenge responses)."""
    client = _client(password)
    auth = client.get_auth_params()
    salt_hex, verifier_hex = verifier
    part, state = srp.start(POOL_ID, USER_ID, salt_hex, verifier_hex, auth["SRP_A"], rng)
    # The state travels through a JSON column in the caller's store.
    state = json.loads(json.dumps(state))
    answer = client.process_challenge(
        {**part, "USERNAME": USER_ID, "USER_ID_FOR_SRP": USER_ID}, auth)
    return state, answer


def _verify(state, answer, now=None, user_id=USER_ID):
    return srp.verify(POOL_ID, user_id, state, answer["PASSWORD_CLAIM_SECRET_BLOCK"],
                      answer["TIMESTAMP"], answer["PASSWORD_CLAIM_SIGNATURE"],
                      time.time() if now is None else now)


def test_k_is_cognitos_multiplier():
    assert format(int(srp_math.K), "x") == (
        "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6")


def test_pycognito_signs_in_with_the_right_password(rng, verifier):
    state, answer = _handshake(rng, verifier)
    assert _verify(state, answer)


class _Salts(random.Random):
    """A random source whose first 128-bit draw is `salt` (the verifier's salt)."""

    def __init__(self, salt: int):
        super().__init__(1)
        self._salt = salt

    def getrandbits(self, k):
        if k == 128 and self._salt is not None:
            salt, self._salt = self._salt, None
            return salt
        return super().getrandbits(k)


@pytest.mark.parametrize("salt", [0x8ce8291892390f6b53a245933faf6164,   # AWS's, sign bit set
                                  0x0c0ffee0ddf00d5eed1e55c0de5a1700])  # a leading zero digit
def test_salts_are_sent_as_aws_sends_them(salt):
    salt_hex, verifier_hex = srp_math.make_verifier(POOL_ID, USER_ID, PASSWORD, _Salts(salt))
    assert salt_hex == f"{salt:032x}"   # 16 bytes, no sign byte
    state, answer = _handshake(_Salts(None), (salt_hex, verifier_hex))
    assert _verify(state, answer)


def test_no_salt_starts_with_a_zero_byte_that_clients_would_pad_differently():
    # pycognito keeps a SALT's leading zeros, amazon-cognito-identity-js drops them.
    salt_hex, _ = srp_math.make_verifier(POOL_ID, USER_ID, PASSWORD, _Salts(0xab << 96))
    assert len(salt_hex) == 32 and not salt_hex.startswith("00")


def test_a_wrong_password_fails(rng, verifier):
    state, answer = _handshake(rng, verifier, password="Correct-Horse-8")
    assert not _verify(state, answer)


def test_challenge_parameters_are_what_clients_read(rng, verifier):
    salt_hex, verifier_hex = verifier
    a = _client().get_auth_params()["SRP_A"]
    part, state = srp.start(POOL_ID, USER_ID, salt_hex, verifier_hex, a, rng)
    assert set(part) == {"SALT", "SRP_B", "SECRET_BLOCK"}
    assert part["SALT"] == salt_hex
    assert 0 < int(part["SRP_B"], 16) < int(srp_math.N)
    assert len(base64.b64decode(part["SECRET_BLOCK"])) >= 256
    assert srp.secret_block_id(part["SECRET_BLOCK"]) == state["block"]
    # Nothing secret leaves the server: b is only in the state.
    assert state["b"] not in json.dumps(part)


def test_each_challenge_gets_a_fresh_b_and_secret_block(rng, verifier):
    salt_hex, verifier_hex = verifier
    a = _client().get_auth_params()["SRP_A"]
    first, _ = srp.start(POOL_ID, USER_ID, salt_hex, verifier_hex, a, rng)
    second, _ = srp.start(POOL_ID, USER_ID, salt_hex, verifier_hex, a, rng)
    assert first["SRP_B"] != second["SRP_B"]
    assert first["SECRET_BLOCK"] != second["SECRET_BLOCK"]


def test_a_proof_for_another_user_or_another_challenge_fails(rng, verifier):
    state, answer = _handshake(rng, verifier)
    assert not _verify(state, answer, user_id="someone-else")
    other_state, other_answer = _handshake(rng, verifier)
    mixed = dict(answer, PASSWORD_CLAIM_SECRET_BLOCK=other_answer["PASSWORD_CLAIM_SECRET_BLOCK"])
    assert not _verify(state, mixed)


def test_a_tampered_or_garbled_signature_fails(rng, verifier):
    state, answer = _handshake(rng, verifier)
    signature = bytearray(base64.b64decode(answer["PASSWORD_CLAIM_SIGNATURE"]))
    signature[0] ^= 1
    assert not _verify(state, dict(answer, PASSWORD_CLAIM_SIGNATURE=base64.b64encode(
        bytes(signature)).decode()))
    assert not _verify(state, dict(answer, PASSWORD_CLAIM_SIGNATURE="not base64!"))
    assert not _verify(state, dict(answer, PASSWORD_CLAIM_SECRET_BLOCK=""))


def test_a_timestamp_more_than_five_minutes_away_fails(rng, verifier):
    state, answer = _handshake(rng, verifier)
    signed_at = srp.parse_timestamp(answer["TIMESTAMP"])
    assert _verify(state, answer, now=signed_at + 300)
    assert not _verify(state, answer, now=signed_at + 301)
    assert not _verify(state, answer, now=signed_at - 301)


@pytest.mark.parametrize("srp_a", [format(int(srp_math.N) * 3, "x"),
                                   format(int(srp_math.N) + 2, "x"), "", "xyz", "12 34"])
def test_an_unusable_srp_a_is_refused(rng, verifier, srp_a):
    salt_hex, verifier_hex = verifier
    with pytest.raises(InvalidParameterException):
        srp.start(POOL_ID, USER_ID, salt_hex, verifier_hex, srp_a, rng)


@pytest.mark.parametrize("big_a", [0, int(srp_math.N)])
def test_an_srp_a_of_zero_or_n_gets_a_challenge_whose_proof_fails(rng, verifier, big_a):
    # As AWS answers (measured: ministack's test_cognito.py). With A = 0 the shared secret is
    # 0 whatever the password, so a forged proof is easy: it must still fail.
    salt_hex, verifier_hex = verifier
    part, state = srp.start(POOL_ID, USER_ID, salt_hex, verifier_hex, format(big_a, "x"), rng)
    u = srp._u(big_a, int(part["SRP_B"], 16))
    key = hmac.new(hmac.new(bytes.fromhex(srp_math.pad_hex(int(u))), bytes.fromhex("00"),
                            hashlib.sha256).digest(), srp.HKDF_INFO, hashlib.sha256).digest()[:16]
    now = time.time()
    stamp = srp.format_timestamp(now)
    block = base64.b64decode(part["SECRET_BLOCK"])
    forged = hmac.new(key, POOL_ID.split("_")[1].encode() + USER_ID.encode() + block
                      + stamp.encode(), hashlib.sha256).digest()
    assert not srp.verify(POOL_ID, USER_ID, state, part["SECRET_BLOCK"], stamp,
                          base64.b64encode(forged).decode(), now)


def test_timestamps_are_written_as_cognitos_clients_write_them():
    epoch = calendar.timegm((2024, 3, 5, 9, 7, 3))
    assert srp.format_timestamp(epoch) == "Tue Mar 5 09:07:03 UTC 2024"
    assert srp.format_timestamp(calendar.timegm((2023, 11, 25, 23, 59, 9))) == (
        "Sat Nov 25 23:59:09 UTC 2023")
    assert _client().get_cognito_formatted_timestamp(
        datetime.datetime(2024, 3, 5, 9, 7, 3)) == srp.format_timestamp(epoch)


def test_timestamps_parse_with_or_without_a_zero_padded_day():
    epoch = calendar.timegm((2024, 3, 5, 9, 7, 3))
    assert srp.parse_timestamp("Tue Mar 5 09:07:03 UTC 2024") == epoch
    assert srp.parse_timestamp("Tue Mar 05 09:07:03 UTC 2024") == epoch


@pytest.mark.parametrize("text", [
    "Tue Mar 5 9:07:03 UTC 2024",        # hour not zero-padded
    "Thu Feb 30 09:07:03 UTC 2024",      # no such day
    "Tue Mar 5 09:07:03 utc 2024",       # the zone's case counts
    "Tue Mar 5 09:07:03 CEST 2024",
    "Tue Mar 015 09:07:03 UTC 2024",
    "Tue Mar 5 09:07:03 UTC 2024 ",
    "2024-03-05T09:07:03Z",
    "",
])
def test_a_timestamp_not_in_cognitos_format_is_refused_with_awss_message(rng, verifier, text):
    state, answer = _handshake(rng, verifier)
    with pytest.raises(InvalidParameterException) as err:
        _verify(state, dict(answer, TIMESTAMP=text))
    assert err.value.message == (
        "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.")


@pytest.mark.parametrize("timestamp", ["Tue Mar 05 09:07:03 UTC 2024",   # zero-padded day
                                       "Wed Mar 5 09:07:03 UTC 2024"])   # a Tuesday
def test_a_client_signing_a_timestamp_aws_would_not_write_is_refused_as_aws_does(
        rng, verifier, timestamp):
    # A failed proof, as a wrong password is, not a format error (ministack PR #1758 measured
    # both on AWS).
    client = _client()
    auth = client.get_auth_params()
    salt_hex, verifier_hex = verifier
    part, state = srp.start(POOL_ID, USER_ID, salt_hex, verifier_hex, auth["SRP_A"], rng)
    key = client.get_password_authentication_key(USER_ID, PASSWORD, int(part["SRP_B"], 16),
                                                  part["SALT"])
    now = calendar.timegm((2024, 3, 5, 9, 7, 3))
    message = (POOL_ID.split("_")[1] + USER_ID).encode() + base64.b64decode(
        part["SECRET_BLOCK"]) + timestamp.encode()
    signature = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
    assert not srp.verify(POOL_ID, USER_ID, state, part["SECRET_BLOCK"], timestamp, signature,
                          now)


def test_device_srp_uses_the_device_keys_in_place_of_pool_and_user(rng):
    group_key, device_key = "-abcDEF12", "us-east-1_0f1e2d3c-aaaa-bbbb-cccc-123456789abc"
    device_password, config = generate_hash_device(group_key, device_key)
    salt_hex, verifier_hex = srp.device_verifier(config)
    client = _client(device_key=device_key, device_group_key=group_key,
                     device_password=device_password)
    part, state = srp.start_device(group_key, device_key, salt_hex, verifier_hex,
                                   client.get_auth_params()["SRP_A"], rng)
    answer = client.process_device_challenge({**part, "USERNAME": USER_ID})

    def check(group=group_key):
        return srp.verify_device(group, device_key, state, answer["PASSWORD_CLAIM_SECRET_BLOCK"],
                                 answer["TIMESTAMP"], answer["PASSWORD_CLAIM_SIGNATURE"],
                                 time.time())

    assert check()
    assert not check(group="-otherGrp")


def test_a_broken_device_verifier_config_is_refused():
    with pytest.raises(InvalidParameterException):
        srp.device_verifier({"PasswordVerifier": "%%%", "Salt": "AAAA"})
    with pytest.raises(InvalidParameterException):
        srp.device_verifier({"Salt": "AAAA"})


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=(1 << 300) - 1))
def test_fixed_base_power_of_g_agrees_with_powmod(exponent):
    # Verifiers and SRP_B are built with the window table; a wrong entry would make every
    # SRP sign-in fail, so it is checked against plain modular exponentiation, including
    # exponents beyond the table (generic path) and with zero bytes inside.
    assert srp_math.power_of_g(exponent) == pow(2, exponent, int(srp_math.N))
