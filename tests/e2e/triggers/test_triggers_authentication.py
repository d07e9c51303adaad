"""PreAuthentication (before the password is checked, for the password and SRP flows) and
PostAuthentication (after the proof, before tokens)."""

from pycognito.aws_srp import AWSSRP

from trigger_helpers import (  # noqa: F401
    PASSWORD,
    app_client,
    confirmed_user,
    error_of,
    functions,
    password_sign_in,
    trigger_pool,
)

RECORD = """
from record import record

def handler(event, context):
    record(event)
    return event
"""

BLOCK_MALLORY = """
from record import record

def handler(event, context):
    record(event)
    if event["userName"] == "mallory":
        raise Exception("Mallory is blocked")
    return event
"""


def test_pre_authentication_gets_initiate_auths_metadata_as_validation_data(
        idp, functions, trigger_pool):
    pool = trigger_pool({"PreAuthentication": functions.python(RECORD)})
    client = app_client(idp, pool)
    confirmed_user(idp, pool, email="alice@example.com")

    password_sign_in(idp, client, ClientMetadata={"device": "kiosk"})

    event = functions.event("PreAuthentication_Authentication")
    assert event["userName"] == "alice"
    assert event["callerContext"]["clientId"] == client["ClientId"]
    assert event["request"]["validationData"] == {"device": "kiosk"}
    assert "clientMetadata" not in event["request"]
    assert "userNotFound" not in event["request"]
    assert event["request"]["userAttributes"]["email"] == "alice@example.com"
    assert event["response"] == {}


def test_its_refusal_wins_over_a_wrong_password(idp, functions, trigger_pool):
    pool = trigger_pool({"PreAuthentication": functions.python(BLOCK_MALLORY)})
    client = app_client(idp, pool)
    confirmed_user(idp, pool, "mallory")

    assert error_of(password_sign_in, idp, client, "mallory", "wrong-password") == (
        "UserLambdaValidationException", "PreAuthentication failed with error Mallory is blocked.")
    assert error_of(password_sign_in, idp, client, "mallory") == (
        "UserLambdaValidationException", "PreAuthentication failed with error Mallory is blocked.")


def test_an_unknown_user_reaches_it_only_when_existence_errors_are_prevented(
        idp, functions, trigger_pool):
    pool = trigger_pool({"PreAuthentication": functions.python(RECORD)})
    legacy = app_client(idp, pool)
    hiding = app_client(idp, pool, PreventUserExistenceErrors="ENABLED")

    assert error_of(password_sign_in, idp, legacy, "nobody")[0] == "UserNotFoundException"
    assert functions.events() == []
    assert error_of(password_sign_in, idp, hiding, "nobody") == (
        "NotAuthorizedException", "Incorrect username or password.")
    event = functions.event("PreAuthentication_Authentication")
    assert event["userName"] == "nobody"
    assert event["request"]["userNotFound"] is True
    assert event["request"]["userAttributes"] == {}


def test_srp_sign_in_runs_it_at_initiate_auth(idp, functions, trigger_pool):
    pool = trigger_pool({"PreAuthentication": functions.python(BLOCK_MALLORY)})
    client = app_client(idp, pool)
    confirmed_user(idp, pool, "mallory")
    srp = AWSSRP(username="mallory", password=PASSWORD, pool_id=pool["Id"],
                 client_id=client["ClientId"], client=idp)

    assert error_of(srp.authenticate_user) == (
        "UserLambdaValidationException", "PreAuthentication failed with error Mallory is blocked.")


def test_post_authentication_runs_before_tokens_and_its_failure_withholds_them(
        idp, functions, trigger_pool):
    pool = trigger_pool({"PostAuthentication": functions.python(BLOCK_MALLORY)})
    client = app_client(idp, pool)
    confirmed_user(idp, pool, "alice")
    confirmed_user(idp, pool, "mallory")

    assert "AccessToken" in password_sign_in(idp, client, ClientMetadata={"x": "y"})[
        "AuthenticationResult"]
    event = functions.event("PostAuthentication_Authentication")
    assert event["request"]["newDeviceUsed"] is False
    # InitiateAuth's ClientMetadata does not reach PostAuthentication.
    assert "clientMetadata" not in event["request"]
    assert event["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"

    assert error_of(password_sign_in, idp, client, "mallory") == (
        "UserLambdaValidationException",
        "PostAuthentication failed with error Mallory is blocked.")
    # A wrong password never reaches it.
    assert error_of(password_sign_in, idp, client, "alice", "wrong")[0] == \
        "NotAuthorizedException"
    assert len(functions.events("PostAuthentication_Authentication")) == 2


def test_post_authentication_gets_the_answers_metadata_after_srp(idp, functions, trigger_pool):
    pool = trigger_pool({"PostAuthentication": functions.python(RECORD)})
    client = app_client(idp, pool)
    confirmed_user(idp, pool, "alice")
    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool["Id"],
                 client_id=client["ClientId"], client=idp)
    challenge = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH",
                                  AuthParameters=srp.get_auth_params(),
                                  ClientMetadata={"step": "initiate"})
    responses = srp.process_challenge(challenge["ChallengeParameters"], srp.get_auth_params())

    idp.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName="PASSWORD_VERIFIER",
                                  ChallengeResponses=responses,
                                  ClientMetadata={"step": "answer"})

    event = functions.event("PostAuthentication_Authentication")
    assert event["request"]["clientMetadata"] == {"step": "answer"}
