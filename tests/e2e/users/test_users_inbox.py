"""The dev inbox at GET /_cfn_cognito/messages."""

import requests

from user_helpers import PASSWORD, attrs, inbox, make_client, make_pool  # noqa: F401


def test_inbox_lists_every_message_newest_last(idp, cognito_url, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["email"])
    client = make_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="ada", Password=PASSWORD,
                UserAttributes=attrs(email="ada@example.com"))
    idp.resend_confirmation_code(ClientId=client["ClientId"], Username="ada")
    idp.admin_create_user(UserPoolId=pool["Id"], Username="bo",
                          UserAttributes=attrs(email="bo@example.com"),
                          DesiredDeliveryMediums=["EMAIL"])

    body = requests.get(cognito_url + "/_cfn_cognito/messages", timeout=10).json()
    mine = [m for m in body["messages"] if m["pool"] == pool["Id"]]
    assert [(m["username"], m["kind"]) for m in mine] == [
        ("ada", "SignUp"), ("ada", "ResendCode"), ("bo", "AdminCreateUser")]
    assert set(mine[0]) == {"id", "time", "pool", "username", "to", "medium", "kind", "subject",
                            "body", "code"}
    assert mine[0]["id"] < mine[1]["id"] < mine[2]["id"]
    assert mine[0]["time"] <= mine[2]["time"]
    assert [m["kind"] for m in inbox(cognito_url, pool, "ada")] == ["SignUp", "ResendCode"]
    assert [m["username"] for m in inbox(cognito_url, pool, kind="AdminCreateUser")] == ["bo"]


def test_every_code_is_announced_in_the_server_log(idp, cognito_server, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["email"])
    client = make_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="cleo-log", Password=PASSWORD,
                UserAttributes=attrs(email="cleo@example.com"))
    idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username="cleo-log")
    idp.admin_update_user_attributes(UserPoolId=pool["Id"], Username="cleo-log",
                                     UserAttributes=attrs(email_verified="true"))
    idp.forgot_password(ClientId=client["ClientId"], Username="cleo-log")
    idp.admin_create_user(UserPoolId=pool["Id"], Username="dee-log")
    codes = {m["kind"]: m["code"] for m in inbox(cognito_server.url, pool)}
    log = cognito_server.log()
    assert f"Confirmation code for Cognito user cleo-log: {codes['SignUp']}" in log
    assert f"Password reset code for Cognito user cleo-log: {codes['ForgotPassword']}" in log
    assert f"Temporary password for Cognito user dee-log: {codes['AdminCreateUser']}" in log
