"""PostConfirmation: after ConfirmSignUp, AdminConfirmSignUp and ConfirmForgotPassword, with
the confirmed user's attributes; its failure is reported but the confirmation stands."""

from concurrent.futures import ThreadPoolExecutor

from trigger_helpers import (  # noqa: F401
    PASSWORD,
    app_client,
    attrs,
    confirmed_user,
    error_of,
    functions,
    last_code,
    password_sign_in,
    trigger_pool,
)

RECORD = """
from record import record

def handler(event, context):
    record(event)
    return event
"""

FAIL = """
def handler(event, context):
    raise RuntimeError("the CRM is down")
"""


def _signed_up(idp, url, pool, client, username="alice", **values):
    idp.sign_up(ClientId=client["ClientId"], Username=username, Password=PASSWORD,
                UserAttributes=attrs(email=f"{username}@example.com", **values))
    return last_code(url, pool, username)


def test_confirm_sign_up_sends_the_confirmed_user(idp, cognito_url, functions, trigger_pool):
    pool = trigger_pool({"PostConfirmation": functions.python(RECORD)},
                        AutoVerifiedAttributes=["email"], AliasAttributes=["email"])
    client = app_client(idp, pool)
    code = _signed_up(idp, cognito_url, pool, client, name="Alice")

    idp.confirm_sign_up(ClientId=client["ClientId"], Username="alice", ConfirmationCode=code,
                        ClientMetadata={"plan": "pro"})

    event = functions.event("PostConfirmation_ConfirmSignUp")
    sub = idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")["UserAttributes"][0]
    assert event["userName"] == "alice"
    assert event["callerContext"]["clientId"] == client["ClientId"]
    # Every value a string, with the pseudo-attributes of status and sign-in alias.
    assert event["request"]["userAttributes"] == {
        "sub": sub["Value"], "email_verified": "true", "cognito:user_status": "CONFIRMED",
        "name": "Alice", "cognito:email_alias": "alice@example.com",
        "email": "alice@example.com"}
    assert event["request"]["clientMetadata"] == {"plan": "pro"}
    assert event["response"] == {}


def test_a_failure_is_reported_but_the_user_stays_confirmed(
        idp, cognito_url, functions, trigger_pool):
    pool = trigger_pool({"PostConfirmation": functions.python(FAIL)},
                        AutoVerifiedAttributes=["email"])
    client = app_client(idp, pool, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    code = _signed_up(idp, cognito_url, pool, client)

    failure = error_of(idp.confirm_sign_up, ClientId=client["ClientId"], Username="alice",
                       ConfirmationCode=code)

    assert failure == ("UserLambdaValidationException",
                       "PostConfirmation failed with error the CRM is down.")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")["UserStatus"] == \
        "CONFIRMED"
    assert "AuthenticationResult" in password_sign_in(idp, client)


def test_admin_confirm_sign_up_runs_it_without_a_client(idp, cognito_url, functions,
                                                         trigger_pool):
    pool = trigger_pool({"PostConfirmation": functions.python(RECORD)})
    client = app_client(idp, pool)
    _signed_up(idp, cognito_url, pool, client)

    idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username="alice",
                              ClientMetadata={"by": "support"})

    event = functions.event("PostConfirmation_ConfirmSignUp")
    assert event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    assert event["request"]["clientMetadata"] == {"by": "support"}


def test_confirm_forgot_password_runs_it_after_the_new_password_is_set(
        idp, cognito_url, functions, trigger_pool):
    pool = trigger_pool({"PostConfirmation": functions.python(FAIL)})
    client = app_client(idp, pool, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    confirmed_user(idp, pool, email="alice@example.com", email_verified="true")
    idp.forgot_password(ClientId=client["ClientId"], Username="alice")
    code = last_code(cognito_url, pool, "alice", "ForgotPassword")

    failure = error_of(idp.confirm_forgot_password, ClientId=client["ClientId"],
                       Username="alice", ConfirmationCode=code, Password="N3w-Passw0rd!")

    assert failure == ("UserLambdaValidationException",
                       "PostConfirmation failed with error the CRM is down.")
    assert "AuthenticationResult" in password_sign_in(idp, client, password="N3w-Passw0rd!")


def test_confirm_forgot_password_event(idp, cognito_url, functions, trigger_pool):
    pool = trigger_pool({"PostConfirmation": functions.python(RECORD)})
    client = app_client(idp, pool)
    confirmed_user(idp, pool, email="alice@example.com", email_verified="true")
    idp.forgot_password(ClientId=client["ClientId"], Username="alice")
    idp.confirm_forgot_password(ClientId=client["ClientId"], Username="alice",
                                ConfirmationCode=last_code(cognito_url, pool, "alice"),
                                Password="N3w-Passw0rd!", ClientMetadata={"k": "v"})

    event = functions.event("PostConfirmation_ConfirmForgotPassword")
    assert event["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"
    assert event["request"]["clientMetadata"] == {"k": "v"}


CALLS_BACK = """
import boto3
from record import record

def handler(event, context):
    # The SDK finds this service through AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER.
    idp = boto3.client("cognito-idp")
    pool, name = event["userPoolId"], event["userName"]
    idp.admin_add_user_to_group(UserPoolId=pool, GroupName="members", Username=name)
    user = idp.admin_get_user(UserPoolId=pool, Username=name)
    listed = idp.list_users(UserPoolId=pool, Filter=f'username = "{name}"')["Users"]
    record(dict(event, seen={"status": user["UserStatus"], "listed": len(listed)}))
    return event
"""


def test_a_function_calling_back_into_the_service_is_answered_while_confirmations_wait(
        idp, cognito_url, functions, trigger_pool):
    # A PostConfirmation that adds the user to a group and reads it back, as apps do, while
    # the confirmations that invoked it wait for it, several at once. Were a callback queued
    # behind a waiting confirmation, the function would time out: no group, no event.
    pool = trigger_pool({"PostConfirmation": functions.python(CALLS_BACK, timeout=20)})
    client = app_client(idp, pool)
    idp.create_group(UserPoolId=pool["Id"], GroupName="members")
    names = [f"user{n}" for n in range(6)]
    for name in names:
        _signed_up(idp, cognito_url, pool, client, username=name)

    with ThreadPoolExecutor(len(names)) as threads:
        list(threads.map(lambda name: idp.admin_confirm_sign_up(
            UserPoolId=pool["Id"], Username=name), names))

    for name in names:
        groups = idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username=name)
        assert [g["GroupName"] for g in groups["Groups"]] == ["members"]
    seen = sorted((e["userName"], e["seen"]["status"], e["seen"]["listed"])
                  for e in functions.events("PostConfirmation_ConfirmSignUp"))
    assert seen == [(name, "CONFIRMED", 1) for name in names]
