"""The hosted UI's MFA form fuzzed with a genuine CSRF token: whatever its hidden fields say
(an empty, unknown or other challenge, another user, a forged or used-up session, a bogus
choice), the answer is the page again with a 400 and the API's message, never a 500."""

from __future__ import annotations

import random

import boto3
import pytest

from hosted_ui_helpers import Browser, form_of, make_user, oauth_client

SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns", "ExternalId": "x"}
CHALLENGES = ["", "BOGUS", "SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "MFA_SETUP",
              "SELECT_MFA_TYPE", "NEW_PASSWORD_REQUIRED", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE",
              "sms_mfa", "SMS_MFA\x00", "x" * 3000, "__proto__"]
USERNAMES = ["alice", "", "bob", "<svg/onload=alert(1)>", "ALICE", "a" * 200]
CODES = ["", "000000", "12345678901234567890", "abcdef", "<b>", "\u00e9\u00e9"]
CHOICES = ["", "SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "BOGUS", "MFA_SETUP"]
CASES = 160


@pytest.fixture(scope="module")
def mfa_page(hard_url):
    idp = boto3.client("cognito-idp", endpoint_url=hard_url, region_name="us-east-1")
    pool = idp.create_user_pool(PoolName="mfa-fuzz", SmsConfiguration=SMS_CONFIG,
                                MfaConfiguration="ON")["UserPool"]
    client = oauth_client(idp, pool)
    make_user(idp, pool, phone_number="+15555550123")
    make_user(idp, pool, "bob", phone_number="+15555550124")
    return hard_url, client


def _sessions(page) -> list[str]:
    """The page's own session, and forged ones."""
    real = form_of(page.text)[1]["session"]
    return [real, "", "garbage", "A" * 4000, real[:-4] + "AAAA", real + "=="]


def test_the_mfa_form_fuzzed_never_answers_500(mfa_page, tally):
    url, client = mfa_page
    browser = Browser(url)
    page = browser.sign_in(client)
    assert page.status_code == 200 and "We have sent a code to" in page.text
    sessions = _sessions(page)
    rng = random.Random(23)
    # The reported cases first: an empty and an unknown challenge with a genuine token.
    cases = [{"challenge": ""}, {"challenge": "BOGUS"}, {"challenge": "SELECT_MFA_TYPE",
                                                        "choice": "BOGUS"},
             {"challenge": "MFA_SETUP", "session": "garbage"}]
    cases += [{"challenge": rng.choice(CHALLENGES), "username": rng.choice(USERNAMES),
               "session": rng.choice(sessions), "code": rng.choice(CODES),
               "choice": rng.choice(CHOICES)} for _ in range(CASES)]
    for fields in cases:
        answer = browser.submit(page, **fields)
        assert answer.status_code == 400, (fields, answer.status_code, answer.text[:300])
        assert "InternalErrorException" not in answer.text
        assert 'name="_csrf"' in answer.text          # the form again, to try once more
    tally["fuzzing"]["mfa form posts"] += len(cases)
    # The genuine form still works after all that (a fresh sign-in: codes were tried).
    fresh = Browser(url)
    again = fresh.sign_in(client)
    assert again.status_code == 200 and "We have sent a code to" in again.text
