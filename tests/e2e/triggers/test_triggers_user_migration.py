"""UserMigration: a password sign-in or ForgotPassword for a user the pool does not have asks
the function, which migrates the user from the old directory. Includes the issue's seed
example: a pool made with the AWS CLI and `--lambda-config`, the function registered with
`cfn-cognito function register`."""

import json
import os
import subprocess
import sys
import textwrap

from pycognito.aws_srp import AWSSRP

from aws_wire import aws_cli
from trigger_helpers import (  # noqa: F401
    PASSWORD,
    app_client,
    attrs,
    claims,
    confirmed_user,
    error_of,
    functions,
    inbox,
    last_code,
    password_sign_in,
    trigger_pool,
)

LEGACY = """
from record import record

# The old directory: username -> (password, attributes).
LEGACY = {
    "lee": ("legacy-pw", {"email": "lee@old.example", "email_verified": "true",
                          "name": "Lee", "custom:plan": "gold"}),
}

def handler(event, context):
    record(event)
    found = LEGACY.get(event["userName"])
    if event["triggerSource"] == "UserMigration_Authentication":
        if found is None or found[0] != event["request"]["password"]:
            raise Exception("Bad password")
    elif found is None:
        return event  # not migrated: no userAttributes
    event["response"]["userAttributes"] = found[1]
    event["response"]["messageAction"] = "SUPPRESS"
    return event
"""


def _pool(trigger_pool, arn, **settings):
    return trigger_pool({"UserMigration": arn}, Schema=[
        {"Name": "plan", "AttributeDataType": "String", "Mutable": True}], **settings)


def test_seed_example_aws_cli_pool_and_cli_registered_function(idp, cognito_url, tmp_path):
    code = tmp_path / "f1"
    code.mkdir()
    (code / "app.py").write_text(textwrap.dedent("""
        import os

        def handler(event, context):
            if event["request"]["password"] != "0ld-Passw0rd":
                raise Exception("Bad password")
            event["response"]["userAttributes"] = {
                "email": event["userName"] + "@" + os.environ["LEGACY_DOMAIN"],
                "email_verified": "true", "name": "Migrated " + event["userName"]}
            event["response"]["finalUserStatus"] = "CONFIRMED"
            event["response"]["messageAction"] = "SUPPRESS"
            return event
    """))
    env = {**os.environ, "CFN_COGNITO_ENDPOINT": cognito_url}
    registered = subprocess.run(
        [sys.executable, "-m", "cfn_cognito", "function", "register", "--name", "f1",
         "--runtime", "python3.12", "--handler", "app.handler", "--code", str(code),
         "--env", "LEGACY_DOMAIN=old.example"],
        capture_output=True, text=True, env=env, timeout=120)
    assert registered.returncode == 0, registered.stderr
    pool = aws_cli(cognito_url, "create-user-pool", "--pool-name", "seed", "--lambda-config",
                   json.dumps({"UserMigration":
                               "arn:aws:lambda:us-east-1:000000000000:function:f1"}))["UserPool"]
    try:
        client = aws_cli(cognito_url, "create-user-pool-client", "--user-pool-id", pool["Id"],
                         "--client-name", "app", "--explicit-auth-flows",
                         "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")["UserPoolClient"]
        assert idp.list_users(UserPoolId=pool["Id"])["Users"] == []

        result = aws_cli(cognito_url, "initiate-auth", "--client-id", client["ClientId"],
                         "--auth-flow", "USER_PASSWORD_AUTH", "--auth-parameters",
                         "USERNAME=kim,PASSWORD=0ld-Passw0rd")["AuthenticationResult"]

        assert claims(result["IdToken"])["email"] == "kim@old.example"
        user = idp.admin_get_user(UserPoolId=pool["Id"], Username="kim")
        assert user["UserStatus"] == "CONFIRMED"
        values = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
        assert {k: values[k] for k in ("email", "email_verified", "name")} == {
            "email": "kim@old.example", "email_verified": "true", "name": "Migrated kim"}
        assert error_of(password_sign_in, idp, client, "ann", "0ld-Passw0rd-typo") == (
            "UserLambdaValidationException", "UserMigration failed with error Bad password.")
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])
        subprocess.run([sys.executable, "-m", "cfn_cognito", "function", "delete", "--name", "f1"],
                       capture_output=True, env=env, timeout=60)


def test_sign_in_migrates_with_the_given_password_and_attributes(idp, functions, trigger_pool):
    pool = _pool(trigger_pool, functions.python(LEGACY))
    client = app_client(idp, pool)

    result = password_sign_in(idp, client, "lee", "legacy-pw",
                              ClientMetadata={"app": "v2"})["AuthenticationResult"]

    event = functions.event("UserMigration_Authentication")
    assert event["userName"] == "lee"
    assert event["request"] == {"password": "legacy-pw", "validationData": {"app": "v2"}}
    assert event["response"] == {"userAttributes": None, "finalUserStatus": None,
                                 "messageAction": None, "desiredDeliveryMediums": None,
                                 "forceAliasCreation": None, "enableSMSMFA": None}
    assert claims(result["IdToken"])["custom:plan"] == "gold"
    # The user is now the pool's: the next sign-ins (SRP too) do not ask the function again,
    # and the legacy password, too weak for the pool's policy, is theirs.
    srp = AWSSRP(username="lee", password="legacy-pw", pool_id=pool["Id"],
                 client_id=client["ClientId"], client=idp)
    assert "IdToken" in srp.authenticate_user()["AuthenticationResult"]
    assert "AuthenticationResult" in password_sign_in(idp, client, "lee", "legacy-pw")
    assert len(functions.events()) == 1


def test_reset_required_users_must_reset_and_forgot_password_migrates(
        idp, cognito_url, functions, trigger_pool):
    pool = _pool(trigger_pool, functions.python(LEGACY))
    client = app_client(idp, pool)

    details = idp.forgot_password(ClientId=client["ClientId"], Username="lee",
                                  ClientMetadata={"reason": "forgot"})["CodeDeliveryDetails"]

    event = functions.event("UserMigration_ForgotPassword")
    assert event["request"] == {"validationData": None, "clientMetadata": {"reason": "forgot"}}
    assert details["DeliveryMedium"] == "EMAIL"
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="lee")["UserStatus"] == \
        "RESET_REQUIRED"
    assert error_of(password_sign_in, idp, client, "lee", "legacy-pw")[0] == \
        "PasswordResetRequiredException"
    idp.confirm_forgot_password(ClientId=client["ClientId"], Username="lee",
                                ConfirmationCode=last_code(cognito_url, pool, "lee"),
                                Password=PASSWORD)
    assert "AuthenticationResult" in password_sign_in(idp, client, "lee", PASSWORD)


def test_nobody_to_migrate(idp, functions, trigger_pool):
    pool = _pool(trigger_pool, functions.python(LEGACY))
    legacy = app_client(idp, pool)
    hiding = app_client(idp, pool, PreventUserExistenceErrors="ENABLED")

    assert error_of(password_sign_in, idp, legacy, "zed", "x") == (
        "UserLambdaValidationException", "UserMigration failed with error Bad password.")
    assert error_of(idp.forgot_password, ClientId=legacy["ClientId"], Username="zed") == (
        "UserNotFoundException", f"Exception migrating user in app client {legacy['ClientId']}")
    # With existence errors prevented, the answer for nobody is the usual simulated one.
    assert idp.forgot_password(ClientId=hiding["ClientId"],
                               Username="zed")["CodeDeliveryDetails"]["DeliveryMedium"]
    assert idp.list_users(UserPoolId=pool["Id"])["Users"] == []


def test_status_welcome_message_and_forced_alias(idp, cognito_url, functions, trigger_pool):
    arn = functions.python("""
        def handler(event, context):
            event["response"] = {
                "userAttributes": {"email": "shared@example.com", "email_verified": "true"},
                "finalUserStatus": "CONFIRMED", "desiredDeliveryMediums": ["EMAIL"],
                "forceAliasCreation": True}
            return event
    """)
    pool = _pool(trigger_pool, arn, AliasAttributes=["email"])
    client = app_client(idp, pool)
    confirmed_user(idp, pool, "holder", email="shared@example.com", email_verified="true")

    password_sign_in(idp, client, "newcomer", "any-legacy-pw")

    # The alias moved to the migrated user; the previous holder's address is unverified.
    assert password_sign_in(idp, client, "shared@example.com", "any-legacy-pw")
    holder = idp.admin_get_user(UserPoolId=pool["Id"], Username="holder")["UserAttributes"]
    assert {"Name": "email_verified", "Value": "false"} in holder
    [welcome] = inbox(cognito_url, pool, "newcomer")
    assert (welcome["kind"], welcome["to"]) == ("AdminCreateUser", "shared@example.com")


def test_bad_answers_are_invalid_lambda_responses(idp, functions, trigger_pool):
    pool = _pool(trigger_pool, functions.python("""
        def handler(event, context):
            event["response"] = {"userAttributes": {"email": "a@b.example"},
                                 "finalUserStatus": "SUSPENDED"}
            return event
    """))
    client = app_client(idp, pool)

    assert error_of(password_sign_in, idp, client, "x", "y") == (
        "InvalidLambdaResponseException", "Invalid lambda function output : Invalid JSON")
    assert idp.list_users(UserPoolId=pool["Id"])["Users"] == []


def test_a_node_migration_function(idp, functions, trigger_pool):
    arn = functions.node("""
        const { record } = require("./record");
        exports.handler = async (event) => {
          record(event);
          if (event.request.password !== "from-node") throw new Error("Bad password");
          event.response.userAttributes = {email: `${event.userName}@node.example`};
          event.response.messageAction = "SUPPRESS";
          return event;
        };
    """)
    pool = trigger_pool({"UserMigration": arn})
    client = app_client(idp, pool)

    result = password_sign_in(idp, client, "nia", "from-node")["AuthenticationResult"]

    assert claims(result["IdToken"])["email"] == "nia@node.example"
    assert error_of(password_sign_in, idp, client, "noa", "wrong") == (
        "UserLambdaValidationException", "UserMigration failed with error Bad password.")
