"""Choice-based sign-in (AuthFlow USER_AUTH) with boto3: a preferred challenge (PASSWORD,
PASSWORD_SRP with pycognito's maths, EMAIL_OTP, SMS_OTP), SELECT_CHALLENGE and its answers,
passwordless users, codes from the dev inbox, lockout, MFA, triggers, user existence
errors, passkeys refused, GetUserAuthFactors / AdminGetUserAuthFactors; and Amplify v6's
signIn with authFlowType USER_AUTH (tests/node/amplify_user_auth.js)."""

import jwt
import pytest
from pycognito.aws_srp import AWSSRP

from node_scripts import js_clients, run_ok  # noqa: F401 (a fixture)
from trigger_helpers import error_of, functions, trigger_pool  # noqa: F401 (fixtures)
from user_helpers import PASSWORD, attrs, inbox, make_client, make_pool  # noqa: F401

FLOWS = ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
EMAIL_FIRST = {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}}
ALL_FIRST = {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]}}
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")
INVALID_CODE = ("CodeMismatchException", "Invalid code or auth state for the user.")
DONE = {"isSignedIn": True, "nextStep": {"signInStep": "DONE"}}


@pytest.fixture
def app(idp, make_pool):  # noqa: F811
    """A pool allowing passwords and email codes, and a client allowing USER_AUTH."""
    pool = make_pool(Policies=EMAIL_FIRST, AutoVerifiedAttributes=["email"])
    return pool, make_client(idp, pool, ExplicitAuthFlows=FLOWS)


def add_user(idp, pool, username="alice", password=PASSWORD, **values):
    """A CONFIRMED user with a verified email (and a password unless `password` is None)."""
    values = {"email": f"{username}@example.com", "email_verified": "true", **values}
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
                          UserAttributes=attrs(**values))
    if password is not None:
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username,
                                    Password=password, Permanent=True)


def start(idp, client, username="alice", **params):
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_AUTH",
                             AuthParameters={"USERNAME": username, **params})


def answer(idp, client, step, name, username="alice", **responses):
    return idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName=name, Session=step["Session"],
        ChallengeResponses={"USERNAME": username, **responses})


def code_sent(url, pool, to):
    """The newest sign-in code sent to `to`, as the person would read it."""
    messages = inbox(url, pool, kind="Authentication")
    return [m for m in messages if m["to"] == to][-1]["code"]


def signed_in_as(idp, result) -> str:
    """The username GetUser gives for the sign-in's access token."""
    return idp.get_user(AccessToken=result["AuthenticationResult"]["AccessToken"])["Username"]


# -- a preferred challenge ----------------------------------------------------------------

def test_preferred_password_signs_in_at_once(idp, app):
    pool, client = app
    add_user(idp, pool)

    result = start(idp, client, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert signed_in_as(idp, result) == "alice"
    assert result["AuthenticationResult"]["RefreshToken"]
    assert "ChallengeName" not in result
    assert error_of(start, idp, client, PREFERRED_CHALLENGE="PASSWORD",
                    PASSWORD="Wrong-pass1") == INCORRECT

    admin = idp.admin_initiate_auth(
        UserPoolId=pool["Id"], ClientId=client["ClientId"], AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "alice", "PREFERRED_CHALLENGE": "PASSWORD",
                        "PASSWORD": PASSWORD})
    assert signed_in_as(idp, admin) == "alice"


def test_preferred_password_without_it_asks_for_it(idp, app):
    pool, client = app
    add_user(idp, pool)

    step = start(idp, client, PREFERRED_CHALLENGE="PASSWORD")
    assert step["ChallengeName"] == "PASSWORD" and step["Session"]
    assert error_of(answer, idp, client, step, "PASSWORD", PASSWORD="Wrong-pass1") == INCORRECT
    step = start(idp, client, PREFERRED_CHALLENGE="PASSWORD")
    assert signed_in_as(idp, answer(idp, client, step, "PASSWORD", PASSWORD=PASSWORD)) == "alice"


def test_preferred_password_srp_with_pycognito(idp, app):
    pool, client = app
    add_user(idp, pool)
    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool["Id"],
                 client_id=client["ClientId"], client=idp)
    params = srp.get_auth_params()

    step = start(idp, client, PREFERRED_CHALLENGE="PASSWORD_SRP", SRP_A=params["SRP_A"])
    assert step["ChallengeName"] == "PASSWORD_VERIFIER"
    assert step["Session"]  # USER_AUTH's clients (Amplify) pass it back
    assert step["ChallengeParameters"]["USER_ID_FOR_SRP"] == "alice"
    proof = srp.process_challenge(step["ChallengeParameters"], params)
    result = idp.respond_to_auth_challenge(ClientId=client["ClientId"],
                                           ChallengeName="PASSWORD_VERIFIER",
                                           Session=step["Session"], ChallengeResponses=proof)
    assert signed_in_as(idp, result) == "alice"

    wrong = AWSSRP(username="alice", password="Wrong-pass1", pool_id=pool["Id"],
                   client_id=client["ClientId"], client=idp)
    params = wrong.get_auth_params()
    step = start(idp, client, PREFERRED_CHALLENGE="PASSWORD_SRP", SRP_A=params["SRP_A"])
    assert error_of(idp.respond_to_auth_challenge, ClientId=client["ClientId"],
                    ChallengeName="PASSWORD_VERIFIER", Session=step["Session"],
                    ChallengeResponses=wrong.process_challenge(step["ChallengeParameters"],
                                                               params)) == INCORRECT


def test_preferred_email_otp_sends_a_code_to_the_inbox(idp, app, cognito_url):
    pool, client = app
    add_user(idp, pool, email="ada@example.com")

    step = start(idp, client, PREFERRED_CHALLENGE="EMAIL_OTP")
    assert step["ChallengeName"] == "EMAIL_OTP"
    assert step["ChallengeParameters"] == {"CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL",
                                           "CODE_DELIVERY_DESTINATION": "a***@e***"}
    code = code_sent(cognito_url, pool, "ada@example.com")
    assert len(code) == 8 and code.isdigit()
    wrong = "00000000" if code != "00000000" else "11111111"
    assert error_of(answer, idp, client, step, "EMAIL_OTP", EMAIL_OTP_CODE=wrong) == INVALID_CODE

    # A wrong code leaves the session usable; the right one signs in, with no MFA step.
    result = answer(idp, client, step, "EMAIL_OTP", EMAIL_OTP_CODE=code)
    assert signed_in_as(idp, result) == "alice"
    claims = jwt.decode(result["AuthenticationResult"]["IdToken"],
                        options={"verify_signature": False})
    assert claims["email"] == "ada@example.com" and claims["cognito:username"] == "alice"
    assert error_of(answer, idp, client, step, "EMAIL_OTP", EMAIL_OTP_CODE=code) == (
        "NotAuthorizedException", "Invalid session for the user, session can only be used once.")


def test_preferred_sms_otp(idp, make_pool, cognito_url):  # noqa: F811
    pool = make_pool(Policies=ALL_FIRST)
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    add_user(idp, pool, phone_number="+15555550123", phone_number_verified="true")

    step = start(idp, client, PREFERRED_CHALLENGE="SMS_OTP")
    assert step["ChallengeName"] == "SMS_OTP"
    assert step["ChallengeParameters"] == {"CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                                           "CODE_DELIVERY_DESTINATION": "+*******0123"}
    code = code_sent(cognito_url, pool, "+15555550123")
    result = answer(idp, client, step, "SMS_OTP", SMS_OTP_CODE=code)
    assert signed_in_as(idp, result) == "alice"


# -- SELECT_CHALLENGE ---------------------------------------------------------------------

def test_select_challenge_then_each_answer(idp, app, cognito_url):
    pool, client = app
    add_user(idp, pool)

    def select():
        step = start(idp, client)
        assert step["ChallengeName"] == "SELECT_CHALLENGE" and step["Session"]
        assert step["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]
        return step

    # A preferred challenge the user cannot use is a choice too.
    assert start(idp, client, PREFERRED_CHALLENGE="SMS_OTP")["AvailableChallenges"] == [
        "PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]

    result = answer(idp, client, select(), "SELECT_CHALLENGE", ANSWER="PASSWORD",
                    PASSWORD=PASSWORD)
    assert signed_in_as(idp, result) == "alice"

    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool["Id"],
                 client_id=client["ClientId"], client=idp)
    params = srp.get_auth_params()
    verifier = answer(idp, client, select(), "SELECT_CHALLENGE", ANSWER="PASSWORD_SRP",
                      SRP_A=params["SRP_A"])
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    result = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="PASSWORD_VERIFIER",
        Session=verifier["Session"],
        ChallengeResponses=srp.process_challenge(verifier["ChallengeParameters"], params))
    assert signed_in_as(idp, result) == "alice"

    otp = answer(idp, client, select(), "SELECT_CHALLENGE", ANSWER="EMAIL_OTP")
    assert otp["ChallengeName"] == "EMAIL_OTP"
    result = answer(idp, client, otp, "EMAIL_OTP",
                    EMAIL_OTP_CODE=code_sent(cognito_url, pool, "alice@example.com"))
    assert signed_in_as(idp, result) == "alice"

    code, message = error_of(answer, idp, client, select(), "SELECT_CHALLENGE", ANSWER="SMS_OTP")
    assert code == "InvalidParameterException" and "SMS_OTP" in message


def test_a_passwordless_user_who_had_no_way_in_signs_in_with_an_email_code(
        idp, make_pool, cognito_url):  # noqa: F811
    pool = make_pool(Policies=EMAIL_FIRST, AutoVerifiedAttributes=["email"])
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS + ["ALLOW_USER_PASSWORD_AUTH"])
    add_user(idp, pool, "grace", password=None)
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="grace")
    assert user["UserStatus"] == "CONFIRMED"
    # No password to give: the password flows cannot sign her in.
    assert error_of(idp.initiate_auth, ClientId=client["ClientId"],
                    AuthFlow="USER_PASSWORD_AUTH",
                    AuthParameters={"USERNAME": "grace", "PASSWORD": PASSWORD}) == INCORRECT

    step = start(idp, client, "grace", PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert step["ChallengeName"] == "SELECT_CHALLENGE"
    assert step["AvailableChallenges"] == ["EMAIL_OTP"]
    otp = answer(idp, client, step, "SELECT_CHALLENGE", "grace", ANSWER="EMAIL_OTP")
    result = answer(idp, client, otp, "EMAIL_OTP", "grace",
                    EMAIL_OTP_CODE=code_sent(cognito_url, pool, "grace@example.com"))
    assert signed_in_as(idp, result) == "grace"

    factors = idp.get_user_auth_factors(AccessToken=result["AuthenticationResult"]["AccessToken"])
    assert factors["Username"] == "grace"
    assert factors["ConfiguredUserAuthFactors"] == ["EMAIL_OTP"]


def test_sign_up_without_a_password_then_sign_in_by_email(
        idp, make_pool, cognito_url):  # noqa: F811
    pool = make_pool(Policies=EMAIL_FIRST, AutoVerifiedAttributes=["email"])
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    idp.sign_up(ClientId=client["ClientId"], Username="lin",
                UserAttributes=attrs(email="lin@example.com"))
    confirmation = [m for m in inbox(cognito_url, pool, "lin") if m["kind"] == "SignUp"][-1]
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="lin",
                        ConfirmationCode=confirmation["code"])

    step = start(idp, client, "lin", PREFERRED_CHALLENGE="EMAIL_OTP")
    result = answer(idp, client, step, "EMAIL_OTP", "lin",
                    EMAIL_OTP_CODE=code_sent(cognito_url, pool, "lin@example.com"))
    assert signed_in_as(idp, result) == "lin"


def test_unverified_email_offers_no_email_code(idp, app):
    pool, client = app
    add_user(idp, pool, email_verified="false")
    step = start(idp, client, PREFERRED_CHALLENGE="EMAIL_OTP")
    assert step["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]


# -- refusals, lockout, MFA ---------------------------------------------------------------

def test_client_without_allow_user_auth_is_refused(idp, app):
    pool, _ = app
    add_user(idp, pool)
    client = make_client(idp, pool, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    assert error_of(start, idp, client, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD) == (
        "InvalidParameterException", "Auth flow not enabled for this client")


def test_wrong_codes_count_as_failed_sign_ins(idp, app, cognito_url):
    pool, client = app
    add_user(idp, pool)
    step = start(idp, client, PREFERRED_CHALLENGE="EMAIL_OTP")
    code = code_sent(cognito_url, pool, "alice@example.com")
    wrong = "00000000" if code != "00000000" else "11111111"
    for _ in range(5):
        assert error_of(answer, idp, client, step, "EMAIL_OTP",
                        EMAIL_OTP_CODE=wrong) == INVALID_CODE
    assert error_of(answer, idp, client, step, "EMAIL_OTP", EMAIL_OTP_CODE=code) == (
        "NotAuthorizedException", "Password attempts exceeded")


def test_passkeys_are_not_offered_to_a_pool_or_user_without_them(idp, app):
    # The pool allows no WEB_AUTHN first factor (the passkey ceremonies themselves:
    # tests/e2e/passkeys/).
    pool, client = app
    add_user(idp, pool)
    step = start(idp, client)
    assert "WEB_AUTHN" not in step["AvailableChallenges"]
    code, _ = error_of(answer, idp, client, step, "SELECT_CHALLENGE", ANSWER="WEB_AUTHN")
    assert code == "InvalidParameterException"


def test_a_user_with_mfa_gets_no_email_code_and_password_goes_on_to_mfa(
        idp, make_pool, cognito_url):  # noqa: F811
    pool = make_pool(Policies=EMAIL_FIRST)
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
        SmsMfaConfiguration={"SmsConfiguration": {
            "SnsCallerArn": "arn:aws:iam::123456789012:role/sns", "ExternalId": "x"}})
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    add_user(idp, pool, phone_number="+15555550199")
    idp.admin_set_user_mfa_preference(UserPoolId=pool["Id"], Username="alice",
                                      SMSMfaSettings={"Enabled": True, "PreferredMfa": True})

    assert start(idp, client)["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    step = start(idp, client, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert step["ChallengeName"] == "SMS_MFA"
    result = answer(idp, client, step, "SMS_MFA",
                    SMS_MFA_CODE=code_sent(cognito_url, pool, "+15555550199"))
    assert signed_in_as(idp, result) == "alice"

    factors = idp.admin_get_user_auth_factors(UserPoolId=pool["Id"], Username="alice")
    assert {k: v for k, v in factors.items() if k != "ResponseMetadata"} == {
        "Username": "alice", "PreferredMfaSetting": "SMS_MFA", "UserMFASettingList": ["SMS_MFA"],
        "ConfiguredUserAuthFactors": ["PASSWORD"]}


def test_temporary_password_goes_on_to_new_password_required(idp, app):
    pool, client = app
    idp.admin_create_user(UserPoolId=pool["Id"], Username="tim", TemporaryPassword=PASSWORD,
                          MessageAction="SUPPRESS")
    step = start(idp, client, "tim", PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert step["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


# -- user existence -----------------------------------------------------------------------

def test_unknown_user_gets_believable_answers_when_existence_errors_are_prevented(idp, app):
    pool, legacy = app
    add_user(idp, pool)
    hiding = make_client(idp, pool, ExplicitAuthFlows=FLOWS, PreventUserExistenceErrors="ENABLED")

    assert error_of(start, idp, legacy, "nobody") == ("UserNotFoundException",
                                                      "User does not exist.")
    known, unknown = start(idp, hiding), start(idp, hiding, "nobody")
    assert unknown["ChallengeName"] == "SELECT_CHALLENGE"
    assert unknown["AvailableChallenges"] == known["AvailableChallenges"]
    assert error_of(answer, idp, hiding, unknown, "SELECT_CHALLENGE", "nobody",
                    ANSWER="PASSWORD", PASSWORD=PASSWORD) == INCORRECT

    otp = start(idp, hiding, "nobody@example.com", PREFERRED_CHALLENGE="EMAIL_OTP")
    assert otp["ChallengeName"] == "EMAIL_OTP"
    assert otp["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "n***@e***"
    assert error_of(answer, idp, hiding, otp, "EMAIL_OTP", "nobody@example.com",
                    EMAIL_OTP_CODE="12345678") == INVALID_CODE
    assert error_of(start, idp, hiding, "nobody", PREFERRED_CHALLENGE="PASSWORD",
                    PASSWORD=PASSWORD) == INCORRECT


# -- triggers and the factor operations ---------------------------------------------------

RECORD = """
from record import record

def handler(event, context):
    record(event)
    return event
"""


def test_email_code_sign_in_runs_the_authentication_triggers(
        idp, functions, trigger_pool, cognito_url):  # noqa: F811
    arn = functions.python(RECORD)
    pool = trigger_pool({"PreAuthentication": arn, "PostAuthentication": arn},
                        Policies=EMAIL_FIRST)
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    add_user(idp, pool)

    step = start(idp, client, PREFERRED_CHALLENGE="EMAIL_OTP")
    assert [e["triggerSource"] for e in functions.events()] == [
        "PreAuthentication_Authentication"]
    answer(idp, client, step, "EMAIL_OTP",
           EMAIL_OTP_CODE=code_sent(cognito_url, pool, "alice@example.com"))
    assert functions.event("PostAuthentication_Authentication")["userName"] == "alice"
    assert len(functions.events("PreAuthentication_Authentication")) == 1


def test_auth_factors_of_a_user_with_a_password_and_a_verified_email(idp, app):
    pool, client = app
    add_user(idp, pool)
    result = start(idp, client, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    access = result["AuthenticationResult"]["AccessToken"]

    expected = {"Username": "alice", "ConfiguredUserAuthFactors": ["PASSWORD", "EMAIL_OTP"]}
    mine = idp.get_user_auth_factors(AccessToken=access)
    assert {k: v for k, v in mine.items() if k != "ResponseMetadata"} == expected
    admin = idp.admin_get_user_auth_factors(UserPoolId=pool["Id"], Username="alice")
    assert {k: v for k, v in admin.items() if k != "ResponseMetadata"} == expected
    assert error_of(idp.admin_get_user_auth_factors, UserPoolId=pool["Id"],
                    Username="nobody") == ("UserNotFoundException", "User does not exist.")


# -- Amplify v6 ---------------------------------------------------------------------------

def test_amplify_signs_in_with_an_email_code_and_with_a_chosen_factor(
        idp, app, cognito_url, js_clients):  # noqa: F811
    pool, client = app
    add_user(idp, pool, "kai", email="kai@example.com")
    out = run_ok("amplify_user_auth.js", cognito_url, pool["Id"], client["ClientId"], "kai",
                 "kai@example.com", PASSWORD)

    assert out["emailStep"] == {"isSignedIn": False, "nextStep": {
        "signInStep": "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
        "codeDeliveryDetails": {"deliveryMedium": "EMAIL", "destination": "k***@e***"}}}
    assert out["wrongCode"]["error"] == {"name": "CodeMismatchException",
                                         "message": "Invalid code or auth state for the user."}
    assert out["confirmed"] == DONE
    assert out["flow"] == "USER_AUTH" and out["username"] == "kai"
    assert out["user"] == {"ok": True, "username": "kai"}

    assert out["choice"] == {"isSignedIn": False, "nextStep": {
        "signInStep": "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION",
        "availableChallenges": ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]}}
    assert out["passwordStep"] == {"isSignedIn": False, "nextStep": {
        "signInStep": "CONFIRM_SIGN_IN_WITH_PASSWORD"}}
    assert out["passwordDone"] == DONE and out["srpUsername"] == "kai"


# -- signed in straight after ConfirmSignUp -----------------------------------------------

def test_confirm_sign_up_session_signs_in_once_without_a_challenge(idp, app, cognito_url):
    pool, client = app
    idp.sign_up(ClientId=client["ClientId"], Username="carol", Password=PASSWORD,
                UserAttributes=attrs(email="carol@example.com"))
    code = inbox(cognito_url, pool, username="carol")[-1]["code"]
    confirmed = idp.confirm_sign_up(ClientId=client["ClientId"], Username="carol",
                                    ConfirmationCode=code)
    session = confirmed["Session"]

    def auto_sign_in(username="carol"):
        return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_AUTH",
                                 AuthParameters={"USERNAME": username}, Session=session)

    assert error_of(auto_sign_in, "alice-not-carol")[0] == "NotAuthorizedException"
    result = auto_sign_in()
    assert signed_in_as(idp, result) == "carol"
    assert "ChallengeName" not in result
    assert error_of(auto_sign_in) == ("NotAuthorizedException",
                                      "Invalid session for the user, session can only be used once.")


def test_no_session_from_confirm_sign_up_for_a_client_without_user_auth(idp, app, cognito_url):
    pool, _ = app
    other = make_client(idp, pool, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    idp.sign_up(ClientId=other["ClientId"], Username="dave", Password=PASSWORD,
                UserAttributes=attrs(email="dave@example.com"))
    code = inbox(cognito_url, pool, username="dave")[-1]["code"]
    confirmed = idp.confirm_sign_up(ClientId=other["ClientId"], Username="dave",
                                    ConfirmationCode=code)
    assert "Session" not in confirmed


def test_amplify_auto_sign_in_with_user_auth_uses_the_confirmation_session(
        idp, app, cognito_url, js_clients):  # noqa: F811
    pool, client = app
    out = run_ok("amplify_auto_sign_in.js", cognito_url, pool["Id"], client["ClientId"], "fay",
                 PASSWORD, "fay@example.com", "USER_AUTH")
    assert out["confirmSignUp"]["nextStep"] == {"signUpStep": "COMPLETE_AUTO_SIGN_IN"}
    assert out["autoSignIn"] == DONE and out["username"] == "fay"
