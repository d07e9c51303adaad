"""CustomMessage: every kind of code or invitation message goes through the function, whose
text (with the code filled in) is what the inbox records and delivery sends."""

from trigger_helpers import (  # noqa: F401
    PASSWORD,
    app_client,
    attrs,
    confirmed_user,
    error_of,
    functions,
    inbox,
    password_sign_in,
    trigger_pool,
)

REWRITE = """
from record import record

def handler(event, context):
    record(event)
    request = event["request"]
    kind = event["triggerSource"].split("_", 1)[1]
    greeting = f"[{kind}] {request['userAttributes'].get('name', 'friend')}"
    if request["usernameParameter"]:
        text = (f"{greeting}: sign in as {request['usernameParameter']} "
                f"with {request['codeParameter']}")
    else:
        text = f"{greeting}: your code is {request['codeParameter']}"
    event["response"]["emailSubject"] = f"{kind} for {request['userAttributes'].get('name')}"
    event["response"]["emailMessage"] = text
    event["response"]["smsMessage"] = "SMS " + text
    return event
"""


def _last(url, pool, username):
    return inbox(url, pool, username)[-1]


def test_every_kind_of_message_is_rewritten(idp, cognito_url, functions, trigger_pool):
    pool = trigger_pool({"CustomMessage": functions.python(REWRITE)},
                        AutoVerifiedAttributes=["email"])
    client = app_client(idp, pool)

    idp.sign_up(ClientId=client["ClientId"], Username="alice", Password=PASSWORD,
                UserAttributes=attrs(email="alice@example.com", name="Alice"),
                ClientMetadata={"lang": "en"})
    sign_up = _last(cognito_url, pool, "alice")
    assert sign_up["subject"] == "SignUp for Alice"
    assert sign_up["body"] == f"[SignUp] Alice: your code is {sign_up['code']}"
    event = functions.event("CustomMessage_SignUp")
    assert event["request"] == {
        "userAttributes": event["request"]["userAttributes"], "codeParameter": "{####}",
        "usernameParameter": None, "clientMetadata": {"lang": "en"}}
    assert event["request"]["userAttributes"]["cognito:user_status"] == "UNCONFIRMED"
    assert event["response"] == {"smsMessage": None, "emailMessage": None, "emailSubject": None}

    idp.resend_confirmation_code(ClientId=client["ClientId"], Username="alice")
    assert _last(cognito_url, pool, "alice")["body"].startswith("[ResendCode] Alice")
    idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username="alice")
    idp.admin_update_user_attributes(UserPoolId=pool["Id"], Username="alice",
                                     UserAttributes=attrs(email_verified="true"))
    idp.forgot_password(ClientId=client["ClientId"], Username="alice")
    assert _last(cognito_url, pool, "alice")["body"].startswith("[ForgotPassword] Alice")
    access = password_sign_in(idp, client)["AuthenticationResult"]["AccessToken"]
    idp.update_user_attributes(AccessToken=access,
                               UserAttributes=attrs(email="alice@new.example"))
    changed = _last(cognito_url, pool, "alice")
    assert (changed["to"], changed["subject"]) == ("alice@new.example",
                                                   "UpdateUserAttribute for Alice")
    idp.get_user_attribute_verification_code(AccessToken=access, AttributeName="email")
    assert _last(cognito_url, pool, "alice")["body"].startswith("[VerifyUserAttribute] Alice")

    idp.admin_create_user(UserPoolId=pool["Id"], Username="bob",
                          UserAttributes=attrs(email="bob@example.com", name="Bob"),
                          DesiredDeliveryMediums=["EMAIL"])
    invite = _last(cognito_url, pool, "bob")
    assert invite["body"] == f"[AdminCreateUser] Bob: sign in as bob with {invite['code']}"
    admin = functions.event("CustomMessage_AdminCreateUser")
    assert admin["request"]["usernameParameter"] == "{username}"
    assert admin["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    # The temporary password in the message is the one that signs in.
    assert password_sign_in(idp, client, "bob", invite["code"])["ChallengeName"] == \
        "NEW_PASSWORD_REQUIRED"


def test_sms_messages_use_sms_message(idp, cognito_url, functions, trigger_pool):
    pool = trigger_pool({"CustomMessage": functions.python(REWRITE)},
                        AutoVerifiedAttributes=["phone_number"])
    client = app_client(idp, pool)

    idp.sign_up(ClientId=client["ClientId"], Username="carl", Password=PASSWORD,
                UserAttributes=attrs(phone_number="+15555550100"))

    message = _last(cognito_url, pool, "carl")
    assert (message["medium"], message["subject"]) == ("SMS", "")
    assert message["body"] == f"SMS [SignUp] friend: your code is {message['code']}"


def test_a_message_without_the_code_placeholder_is_set_aside(
        idp, cognito_url, functions, trigger_pool):
    pool = trigger_pool({"CustomMessage": functions.python("""
        def handler(event, context):
            event["response"]["emailSubject"] = "Welcome!"
            event["response"]["emailMessage"] = "Welcome aboard (no code here)"
            return event
    """)}, AutoVerifiedAttributes=["email"])
    client = app_client(idp, pool)

    idp.sign_up(ClientId=client["ClientId"], Username="dee", Password=PASSWORD,
                UserAttributes=attrs(email="dee@example.com"))

    message = _last(cognito_url, pool, "dee")
    assert message["subject"] == "Welcome!"
    assert message["body"] == f"Your verification code is {message['code']}. "


def test_its_failure_fails_the_call_after_the_user_is_stored(
        idp, cognito_url, functions, trigger_pool):
    pool = trigger_pool({"CustomMessage": functions.python("""
        def handler(event, context):
            raise Exception("Pending for approval")
    """)}, AutoVerifiedAttributes=["email"])
    client = app_client(idp, pool)

    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="eve",
                    Password=PASSWORD, UserAttributes=attrs(email="eve@example.com")) == (
        "UserLambdaValidationException", "CustomMessage failed with error Pending for approval.")
    # As on AWS: the user exists (unconfirmed), and no message went out.
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="eve")["UserStatus"] == \
        "UNCONFIRMED"
    assert inbox(cognito_url, pool, "eve") == []


def test_custom_senders_are_refused_when_a_message_would_go_to_them(idp, trigger_pool):
    pool = trigger_pool({"CustomEmailSender": {
        "LambdaVersion": "V1_0", "LambdaArn": "arn:aws:lambda:us-east-1:000000000000:function:s"},
        "KMSKeyID": "arn:aws:kms:us-east-1:000000000000:key/k"},
        AutoVerifiedAttributes=["email"])
    client = app_client(idp, pool)

    code, message = error_of(idp.sign_up, ClientId=client["ClientId"], Username="fin",
                             Password=PASSWORD, UserAttributes=attrs(email="fin@example.com"))

    assert code == "UnsupportedOperationException"
    assert message.startswith("The CustomEmailSender Lambda trigger is not supported by "
                              "cfn-cognito")
    # The setting itself is kept and described as AWS does.
    described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["LambdaConfig"]
    assert described["CustomEmailSender"]["LambdaVersion"] == "V1_0"
