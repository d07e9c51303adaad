"""The hosted UI's MFA page: an authenticator set up on the page (MFA_SETUP), then its
codes; an SMS code from the inbox; wrong codes refused with the API's message."""

import re
import time

import pyotp

from hosted_ui_helpers import CALLBACK, Browser, inbox_code, make_user, oauth_client, query_of
from user_helpers import make_pool  # noqa: F401 (a fixture)

SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns", "ExternalId": "x"}
INVALID = "Invalid code or auth state for the user."


def _wrong(good: set[str]) -> str:
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in good)


def test_authenticator_set_up_and_used_on_the_hosted_ui(cognito_url, idp, make_pool):
    pool = make_pool()
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON",
                                 SoftwareTokenMfaConfiguration={"Enabled": True})
    client = oauth_client(idp, pool)
    make_user(idp, pool)
    browser = Browser(cognito_url)
    setup = browser.sign_in(client)
    assert setup.status_code == 200 and "needs an authenticator app" in setup.text
    secret = re.search(r'id="secret-code">([A-Z2-7]+)<', setup.text).group(1)
    assert f"otpauth://totp/users-test:alice?secret={secret}&amp;issuer=users-test" in setup.text
    app = pyotp.TOTP(secret)
    near = {app.at(time.time() + d) for d in (-60, -30, 0, 30, 60)}
    refused = browser.submit(setup, code=_wrong(near))
    assert refused.status_code == 400
    assert "Code mismatch and fail enable Software Token MFA" in refused.text
    done = browser.submit(refused, code=app.now())
    assert done.status_code == 302 and done.headers["Location"].startswith(CALLBACK + "?code=")

    second = Browser(cognito_url)
    again = second.sign_in(client)
    assert "Enter the code from your authenticator app." in again.text
    wrong = second.submit(again, code=_wrong(near))
    assert wrong.status_code == 400 and INVALID in wrong.text
    done = second.submit(wrong, code=app.at(time.time() + 30))
    assert done.status_code == 302 and "code" in query_of(done.headers["Location"])


def test_sms_code_on_the_hosted_ui(cognito_url, idp, make_pool):
    pool = make_pool(SmsConfiguration=SMS_CONFIG, MfaConfiguration="ON")
    client = oauth_client(idp, pool)
    make_user(idp, pool, phone_number="+15555559876")
    browser = Browser(cognito_url)
    page = browser.sign_in(client)
    assert "We have sent a code to" in page.text and "+*******9876" in page.text
    code = inbox_code(cognito_url, pool, "alice")
    wrong = browser.submit(page, code=_wrong({code}))
    assert wrong.status_code == 400 and INVALID in wrong.text
    done = browser.submit(wrong, code=code)
    assert done.status_code == 302 and done.headers["Location"].startswith(CALLBACK + "?code=")
