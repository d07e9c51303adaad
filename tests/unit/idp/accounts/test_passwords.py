"""Password policy, hashing, history and generated temporary passwords."""

import secrets

import pytest

from cfn_cognito.idp.accounts import passwords
from cfn_cognito.idp.errors import InvalidPasswordException, PasswordHistoryPolicyViolationException
from cfn_cognito.store.users import UserRecord

DEFAULT_POOL = {"Policies": {"PasswordPolicy": {
    "MinimumLength": 8, "RequireUppercase": True, "RequireLowercase": True,
    "RequireNumbers": True, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7}}}
PREFIX = "Password did not conform with policy: "


@pytest.mark.parametrize("password, problem", [
    ("Ab1!", "Password not long enough"),
    ("12345678", "Password must have uppercase characters"),
    ("ABCDEFG1!", "Password must have lowercase characters"),
    ("Abcdefgh!", "Password must have numeric characters"),
    ("Abcdefgh1", "Password must have symbol characters"),
    ("Ábcdefg1!", "Password must have uppercase characters"),  # only Basic Latin letters count
])
def test_policy_names_the_first_thing_missing(password, problem):
    with pytest.raises(InvalidPasswordException) as err:
        passwords.check_policy(DEFAULT_POOL, password)
    assert err.value.message == PREFIX + problem


@pytest.mark.parametrize("password", ["Passw0rd!", "Passw0rd with space", "Aa1`aaaa", "Aa1~aaaa"])
def test_policy_accepts_conforming_passwords(password):
    passwords.check_policy(DEFAULT_POOL, password)


def test_a_lenient_policy_asks_only_for_length():
    pool = {"Policies": {"PasswordPolicy": {"MinimumLength": 6}}}
    passwords.check_policy(pool, "aaaaaa")
    with pytest.raises(InvalidPasswordException):
        passwords.check_policy(pool, "aaaaa")


def test_hash_is_salted_pbkdf2_and_verifies():
    rng = secrets.SystemRandom()
    first = passwords.hash_password("Passw0rd!", rng)
    second = passwords.hash_password("Passw0rd!", rng)
    algorithm, iterations, _, _ = first.split("$")
    assert (algorithm, int(iterations)) == ("pbkdf2_sha256", passwords.ITERATIONS)
    assert first != second
    assert "Passw0rd" not in first
    assert passwords.matches(first, "Passw0rd!")
    assert not passwords.matches(first, "Passw0rd?")
    assert not passwords.matches(None, "Passw0rd!")
    assert not passwords.matches("garbage", "Passw0rd!")


@pytest.mark.parametrize("policy", [
    DEFAULT_POOL["Policies"]["PasswordPolicy"],
    {"MinimumLength": 30, "RequireUppercase": True, "RequireLowercase": True,
     "RequireNumbers": True, "RequireSymbols": True},
    {"MinimumLength": 6},
])
def test_generated_temporary_passwords_satisfy_the_policy(policy):
    pool = {"Policies": {"PasswordPolicy": policy}}
    rng = secrets.SystemRandom()
    generated = {passwords.generate_temporary(pool, rng) for _ in range(50)}
    assert len(generated) == 50
    for password in generated:
        passwords.check_policy(pool, password)
        assert len(password) >= policy["MinimumLength"]


def test_history_refuses_a_recent_password_only():
    rng = secrets.SystemRandom()
    pool = {"Policies": {"PasswordPolicy": {"MinimumLength": 6, "PasswordHistorySize": 2}}}
    user = UserRecord("p", "u", "u", "s", "CONFIRMED", True, 0, 0, doc={"PasswordHistory": [
        passwords.hash_password("newest", rng), passwords.hash_password("older", rng),
        passwords.hash_password("oldest", rng)]})
    for reused in ("newest", "older"):
        with pytest.raises(PasswordHistoryPolicyViolationException):
            passwords.check_history(pool, user, reused)
    passwords.check_history(pool, user, "oldest")
    passwords.check_history({"Policies": {"PasswordPolicy": {}}}, user, "newest")
