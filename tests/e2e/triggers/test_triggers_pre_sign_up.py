"""PreSignUp: SignUp and AdminCreateUser ask the pool's function first, with AWS's event; its
answer can confirm and verify a self-signed-up user; its refusal stores nothing."""

from trigger_helpers import (  # noqa: F401
    PASSWORD,
    app_client,
    attrs,
    error_of,
    functions,
    inbox,
    trigger_pool,
)

RECORD_AND_CONFIRM = """
from record import record

def handler(event, context):
    record(event)
    event["response"]["autoConfirmUser"] = True
    event["response"]["autoVerifyEmail"] = "email" in event["request"]["userAttributes"]
    return event
"""

REFUSE = """
from record import record

def handler(event, context):
    record(event)
    raise Exception("Sign-ups from example.org are closed")
"""


def test_sign_up_sends_aws_event_and_the_answer_confirms_and_verifies(
        idp, cognito_url, functions, trigger_pool):
    arn = functions.python(RECORD_AND_CONFIRM)
    pool = trigger_pool({"PreSignUp": arn, "PostConfirmation": functions.python(
        "from record import record\ndef handler(event, context):\n    record(event)\n"
        "    return event\n")}, AutoVerifiedAttributes=["email"])
    client = app_client(idp, pool)

    answer = idp.sign_up(ClientId=client["ClientId"], Username="alice", Password=PASSWORD,
                         UserAttributes=attrs(email="alice@example.com", name="Alice"),
                         ValidationData=attrs(captcha="ok"), ClientMetadata={"from": "web"})

    assert answer["UserConfirmed"] is True
    assert "CodeDeliveryDetails" not in answer  # nothing to confirm: no code is sent
    event = functions.event("PreSignUp_SignUp")
    assert event == {
        "version": "1", "region": "us-east-1", "userPoolId": pool["Id"], "userName": "alice",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown",
                          "clientId": client["ClientId"]},
        "triggerSource": "PreSignUp_SignUp",
        "request": {"userAttributes": {"email": "alice@example.com", "name": "Alice"},
                    "validationData": {"captcha": "ok"}, "clientMetadata": {"from": "web"}},
        "response": {"autoConfirmUser": False, "autoVerifyEmail": False,
                     "autoVerifyPhone": False},
    }
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]
    assert inbox(cognito_url, pool) == []
    # An auto-confirmed user is confirmed at sign-up: PostConfirmation runs then.
    confirmed = functions.event("PostConfirmation_ConfirmSignUp")
    assert confirmed["request"]["clientMetadata"] == {"from": "web"}
    assert confirmed["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"


def test_a_refusal_is_the_callers_error_and_no_user_is_stored(idp, functions, trigger_pool):
    pool = trigger_pool({"PreSignUp": functions.python(REFUSE)})
    client = app_client(idp, pool)

    code, message = error_of(idp.sign_up, ClientId=client["ClientId"], Username="bob",
                             Password=PASSWORD)

    assert (code, message) == ("UserLambdaValidationException",
                               "PreSignUp failed with error Sign-ups from example.org are closed.")
    assert error_of(idp.admin_get_user, UserPoolId=pool["Id"], Username="bob")[0] == \
        "UserNotFoundException"
    # Nothing half-made stands in the way of a later, accepted sign-up.
    idp.update_user_pool(UserPoolId=pool["Id"], LambdaConfig={})
    assert idp.sign_up(ClientId=client["ClientId"], Username="bob",
                       Password=PASSWORD)["UserConfirmed"] is False


def test_admin_create_user_runs_it_without_a_client_and_ignores_its_answer(
        idp, cognito_url, functions, trigger_pool):
    pool = trigger_pool({"PreSignUp": functions.python(RECORD_AND_CONFIRM)})

    user = idp.admin_create_user(UserPoolId=pool["Id"], Username="carol",
                                 UserAttributes=attrs(email="carol@example.com"),
                                 ValidationData=attrs(source="import"),
                                 ClientMetadata={"batch": "7"})["User"]

    event = functions.event("PreSignUp_AdminCreateUser")
    assert event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    assert event["request"] == {"userAttributes": {"email": "carol@example.com"},
                                "validationData": {"source": "import"},
                                "clientMetadata": {"batch": "7"}}
    # autoConfirmUser / autoVerifyEmail are ignored for admin-created users.
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert {"Name": "email_verified", "Value": "true"} not in user["Attributes"]
    assert [m["kind"] for m in inbox(cognito_url, pool)] == ["AdminCreateUser"]


def test_admin_create_user_refused_stores_nothing(idp, functions, trigger_pool):
    pool = trigger_pool({"PreSignUp": functions.python(REFUSE)})

    code, message = error_of(idp.admin_create_user, UserPoolId=pool["Id"], Username="dan")

    assert code == "UserLambdaValidationException"
    assert message == "PreSignUp failed with error Sign-ups from example.org are closed."
    assert idp.list_users(UserPoolId=pool["Id"])["Users"] == []


def test_a_node_handler_confirms_by_its_async_answer(idp, functions, trigger_pool):
    arn = functions.node("""
        const { record } = require("./record");
        exports.handler = async (event) => {
          record(event);
          const email = event.request.userAttributes.email;
          event.response.autoConfirmUser = email.endsWith("@corp.example");
          return event;
        };
    """)
    pool = trigger_pool({"PreSignUp": arn})
    client = app_client(idp, pool)

    inside = idp.sign_up(ClientId=client["ClientId"], Username="erin", Password=PASSWORD,
                         UserAttributes=attrs(email="erin@corp.example"))
    outside = idp.sign_up(ClientId=client["ClientId"], Username="fay", Password=PASSWORD,
                          UserAttributes=attrs(email="fay@else.example"))

    assert (inside["UserConfirmed"], outside["UserConfirmed"]) == (True, False)
    assert [e["userName"] for e in functions.events("PreSignUp_SignUp")] == ["erin", "fay"]


def test_email_as_username_pool_sends_the_generated_username(idp, functions, trigger_pool):
    pool = trigger_pool({"PreSignUp": functions.python(RECORD_AND_CONFIRM)},
                        UsernameAttributes=["email"])
    client = app_client(idp, pool)

    answer = idp.sign_up(ClientId=client["ClientId"], Username="gus@example.com",
                         Password=PASSWORD)

    event = functions.event("PreSignUp_SignUp")
    assert event["userName"] == answer["UserSub"]
    assert event["request"]["userAttributes"] == {"email": "gus@example.com"}
