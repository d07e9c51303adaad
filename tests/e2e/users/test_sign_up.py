"""SignUp, ConfirmSignUp, ResendConfirmationCode and AdminConfirmSignUp with boto3."""

import base64
import hashlib
import hmac

import pytest

from user_helpers import (  # noqa: F401
    PASSWORD,
    UUID,
    attr_map,
    attrs,
    error_of,
    inbox,
    last_code,
    make_client,
    make_pool,
)


@pytest.fixture
def verifying_pool(make_pool):
    return make_pool(AutoVerifiedAttributes=["email"])


def test_sign_up_sends_a_code_to_the_auto_verified_email(idp, cognito_url, verifying_pool):
    pool = verifying_pool
    client = make_client(idp, pool)
    out = idp.sign_up(ClientId=client["ClientId"], Username="alice", Password=PASSWORD,
                      UserAttributes=attrs(email="alice@example.com", name="Alice"))
    assert out["UserConfirmed"] is False
    assert UUID.fullmatch(out["UserSub"])
    assert out["CodeDeliveryDetails"] == {"Destination": "a***@e***", "DeliveryMedium": "EMAIL",
                                          "AttributeName": "email"}
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")
    assert user["UserStatus"] == "UNCONFIRMED"
    assert attr_map(user) == {"sub": out["UserSub"], "email": "alice@example.com", "name": "Alice",
                              "email_verified": "false"}
    [message] = inbox(cognito_url, pool, "alice")
    assert message["to"] == "alice@example.com" and message["kind"] == "SignUp"
    assert message["body"] == f"Your verification code is {message['code']}. "

    idp.confirm_sign_up(ClientId=client["ClientId"], Username="alice",
                        ConfirmationCode=message["code"])
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")
    assert user["UserStatus"] == "CONFIRMED"
    assert attr_map(user)["email_verified"] == "true"


def test_without_auto_verification_the_code_still_reaches_the_inbox(idp, cognito_url, pool):
    client = make_client(idp, pool)
    out = idp.sign_up(ClientId=client["ClientId"], Username="bob", Password=PASSWORD,
                      UserAttributes=attrs(email="bob@example.com"))
    assert "CodeDeliveryDetails" not in out
    [message] = inbox(cognito_url, pool, "bob")
    assert message["to"] == ""
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="bob",
                        ConfirmationCode=message["code"])
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="bob")
    assert user["UserStatus"] == "CONFIRMED"
    assert "email_verified" not in attr_map(user)


def test_sign_up_refuses_passwords_against_the_policy(idp, pool):
    client = make_client(idp, pool)
    code, message = error_of(idp.sign_up, ClientId=client["ClientId"], Username="carol",
                             Password="12345678")
    assert code == "InvalidPasswordException"
    assert message.startswith("Password did not conform with policy: ")
    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="carol",
                    Password="Sh0rt!") == (
        "InvalidPasswordException", "Password did not conform with policy: Password not long enough")
    assert error_of(idp.admin_get_user, UserPoolId=pool["Id"], Username="carol")[0] == \
        "UserNotFoundException"


def test_duplicate_usernames_and_case_sensitivity(idp, pool, make_pool):
    client = make_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="dave", Password=PASSWORD)
    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="dave",
                    Password=PASSWORD) == ("UsernameExistsException", "User already exists")
    # The API default (no UsernameConfiguration) is case-sensitive: "Dave" is someone else.
    idp.sign_up(ClientId=client["ClientId"], Username="Dave", Password=PASSWORD)

    insensitive = make_pool(UsernameConfiguration={"CaseSensitive": False})
    client = make_client(idp, insensitive)
    idp.sign_up(ClientId=client["ClientId"], Username="Erin", Password=PASSWORD)
    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="ERIN",
                    Password=PASSWORD)[0] == "UsernameExistsException"
    user = idp.admin_get_user(UserPoolId=insensitive["Id"], Username="erin")
    assert user["Username"] == "Erin"


def test_wrong_and_reused_codes(idp, cognito_url, pool):
    client = make_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="frank", Password=PASSWORD)
    code = last_code(cognito_url, pool, "frank")
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert error_of(idp.confirm_sign_up, ClientId=client["ClientId"], Username="frank",
                    ConfirmationCode=wrong) == (
        "CodeMismatchException", "Invalid verification code provided, please try again.")
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="frank", ConfirmationCode=code)
    assert error_of(idp.confirm_sign_up, ClientId=client["ClientId"], Username="frank",
                    ConfirmationCode=code) == (
        "NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED")


def test_too_many_wrong_codes_hit_the_attempt_limit(idp, cognito_url, verifying_pool):
    pool = verifying_pool
    client = make_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="gina", Password=PASSWORD,
                UserAttributes=attrs(email="gina@example.com"))
    code = last_code(cognito_url, pool, "gina")
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        assert error_of(idp.confirm_sign_up, ClientId=client["ClientId"], Username="gina",
                        ConfirmationCode=wrong)[0] == "CodeMismatchException"
    assert error_of(idp.confirm_sign_up, ClientId=client["ClientId"], Username="gina",
                    ConfirmationCode=code) == (
        "LimitExceededException", "Attempt limit exceeded, please try after some time.")
    idp.resend_confirmation_code(ClientId=client["ClientId"], Username="gina")
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="gina",
                        ConfirmationCode=last_code(cognito_url, pool, "gina"))


def test_unknown_and_disabled_users_with_and_without_existence_errors(idp, cognito_url, pool):
    legacy = make_client(idp, pool)
    hidden = make_client(idp, pool, PreventUserExistenceErrors="ENABLED")
    assert error_of(idp.confirm_sign_up, ClientId=legacy["ClientId"], Username="nobody",
                    ConfirmationCode="123456") == (
        "UserNotFoundException", "Username/client id combination not found.")
    assert error_of(idp.confirm_sign_up, ClientId=hidden["ClientId"], Username="nobody",
                    ConfirmationCode="123456")[0] == "CodeMismatchException"

    idp.sign_up(ClientId=legacy["ClientId"], Username="hank", Password=PASSWORD)
    idp.admin_disable_user(UserPoolId=pool["Id"], Username="hank")
    code = last_code(cognito_url, pool, "hank")
    assert error_of(idp.confirm_sign_up, ClientId=legacy["ClientId"], Username="hank",
                    ConfirmationCode=code) == ("NotAuthorizedException", "User is disabled.")
    assert error_of(idp.confirm_sign_up, ClientId=hidden["ClientId"], Username="hank",
                    ConfirmationCode=code)[0] == "CodeMismatchException"


def test_attributes_are_checked_against_the_schema(idp, make_pool):
    pool = make_pool(Schema=[{"Name": "email", "Required": True},
                             {"Name": "plan", "AttributeDataType": "String"}])
    client = make_client(idp, pool)
    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="ivy",
                    Password=PASSWORD, UserAttributes=attrs(name="Ivy")) == (
        "InvalidParameterException",
        "Attributes did not conform to the schema: email: The attribute is required")
    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="ivy", Password=PASSWORD,
                    UserAttributes=attrs(email="ivy@example.com", custom__nope="x")) == (
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.")
    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="ivy", Password=PASSWORD,
                    UserAttributes=attrs(email="ivy@example.com", email_verified="true")) == (
        "NotAuthorizedException", "A client attempted to write unauthorized attribute")
    idp.sign_up(ClientId=client["ClientId"], Username="ivy", Password=PASSWORD,
                UserAttributes=attrs(email="ivy@example.com", custom__plan="gold"))
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="ivy")
    assert attr_map(user)["custom:plan"] == "gold"


def _secret_hash(client, username):
    digest = hmac.new(client["ClientSecret"].encode(), (username + client["ClientId"]).encode(),
                      hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def test_clients_with_a_secret_need_the_secret_hash(idp, cognito_url, pool):
    client = make_client(idp, pool, GenerateSecret=True)
    cid = client["ClientId"]
    assert error_of(idp.sign_up, ClientId=cid, Username="jack", Password=PASSWORD) == (
        "NotAuthorizedException",
        f"Client {cid} is configured with secret but SECRET_HASH was not received")
    assert error_of(idp.sign_up, ClientId=cid, Username="jack", Password=PASSWORD,
                    SecretHash=_secret_hash(client, "jill")) == (
        "NotAuthorizedException", f"Unable to verify secret hash for client {cid}")
    idp.sign_up(ClientId=cid, Username="jack", Password=PASSWORD,
                SecretHash=_secret_hash(client, "jack"))
    assert error_of(idp.confirm_sign_up, ClientId=cid, Username="jack",
                    ConfirmationCode=last_code(cognito_url, pool, "jack"))[0] == \
        "NotAuthorizedException"
    idp.confirm_sign_up(ClientId=cid, Username="jack", SecretHash=_secret_hash(client, "jack"),
                        ConfirmationCode=last_code(cognito_url, pool, "jack"))


def test_unknown_client_and_admin_only_pools(idp, make_pool):
    assert error_of(idp.sign_up, ClientId="nosuchclient", Username="kim", Password=PASSWORD) == (
        "ResourceNotFoundException", "User pool client nosuchclient does not exist.")
    pool = make_pool(AdminCreateUserConfig={"AllowAdminCreateUserOnly": True})
    client = make_client(idp, pool)
    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="kim",
                    Password=PASSWORD) == (
        "NotAuthorizedException", "SignUp is not permitted for this user pool")


def test_resend_replaces_the_code(idp, cognito_url, verifying_pool, pool):
    client = make_client(idp, verifying_pool)
    idp.sign_up(ClientId=client["ClientId"], Username="liam", Password=PASSWORD,
                UserAttributes=attrs(email="liam@example.com"))
    first = last_code(cognito_url, verifying_pool, "liam")
    out = idp.resend_confirmation_code(ClientId=client["ClientId"], Username="liam")
    assert out["CodeDeliveryDetails"]["Destination"] == "l***@e***"
    messages = inbox(cognito_url, verifying_pool, "liam")
    assert [m["kind"] for m in messages] == ["SignUp", "ResendCode"]
    second = messages[-1]["code"]
    if first != second:
        assert error_of(idp.confirm_sign_up, ClientId=client["ClientId"], Username="liam",
                        ConfirmationCode=first)[0] == "CodeMismatchException"
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="liam", ConfirmationCode=second)
    assert error_of(idp.resend_confirmation_code, ClientId=client["ClientId"],
                    Username="liam") == ("InvalidParameterException", "User is already confirmed.")
    assert error_of(idp.resend_confirmation_code, ClientId=client["ClientId"],
                    Username="nobody") == (
        "UserNotFoundException", "Username/client id combination not found.")
    hidden = make_client(idp, verifying_pool, PreventUserExistenceErrors="ENABLED")
    out = idp.resend_confirmation_code(ClientId=hidden["ClientId"], Username="nobody@example.com")
    assert out["CodeDeliveryDetails"] == {"Destination": "n***@e***", "DeliveryMedium": "EMAIL",
                                          "AttributeName": "email"}

    plain = make_client(idp, pool)
    idp.sign_up(ClientId=plain["ClientId"], Username="mia", Password=PASSWORD)
    assert error_of(idp.resend_confirmation_code, ClientId=plain["ClientId"], Username="mia") == (
        "InvalidParameterException", "Cannot resend codes. Auto verification not turned on.")


def test_admin_confirm_sign_up(idp, cognito_url, pool):
    client = make_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="nina", Password=PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username="nina")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="nina")["UserStatus"] == "CONFIRMED"
    assert error_of(idp.confirm_sign_up, ClientId=client["ClientId"], Username="nina",
                    ConfirmationCode=last_code(cognito_url, pool, "nina"))[0] == \
        "NotAuthorizedException"
    assert error_of(idp.admin_confirm_sign_up, UserPoolId=pool["Id"], Username="nina") == (
        "NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED")
    assert error_of(idp.admin_confirm_sign_up, UserPoolId=pool["Id"], Username="nobody") == (
        "UserNotFoundException", "User does not exist.")


def test_email_as_username(idp, cognito_url, make_pool):
    pool = make_pool(UsernameAttributes=["email"], AutoVerifiedAttributes=["email"])
    client = make_client(idp, pool)
    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="olga",
                    Password=PASSWORD) == ("InvalidParameterException", "Username should be an email.")
    out = idp.sign_up(ClientId=client["ClientId"], Username="olga@example.com", Password=PASSWORD)
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="olga@example.com")
    assert user["Username"] == out["UserSub"]
    assert attr_map(user)["email"] == "olga@example.com"
    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="olga@example.com",
                    Password=PASSWORD) == (
        "UsernameExistsException", "An account with the given email already exists.")
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="olga@example.com",
                        ConfirmationCode=last_code(cognito_url, pool, out["UserSub"]))
    by_sub = idp.admin_get_user(UserPoolId=pool["Id"], Username=out["UserSub"])
    assert by_sub["UserStatus"] == "CONFIRMED"


def test_alias_clash_appears_at_confirmation(idp, cognito_url, make_pool):
    pool = make_pool(AliasAttributes=["email"], AutoVerifiedAttributes=["email"])
    client = make_client(idp, pool)
    assert error_of(idp.sign_up, ClientId=client["ClientId"], Username="pat@example.com",
                    Password=PASSWORD)[0] == "InvalidParameterException"
    for name in ("pat", "quinn"):
        idp.sign_up(ClientId=client["ClientId"], Username=name, Password=PASSWORD,
                    UserAttributes=attrs(email="shared@example.com"))
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="pat",
                        ConfirmationCode=last_code(cognito_url, pool, "pat"))
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="shared@example.com")["Username"] == "pat"
    quinn_code = last_code(cognito_url, pool, "quinn")
    assert error_of(idp.confirm_sign_up, ClientId=client["ClientId"], Username="quinn",
                    ConfirmationCode=quinn_code) == (
        "AliasExistsException", "An account with the email already exists.")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="quinn")["UserStatus"] == "UNCONFIRMED"
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="quinn",
                        ConfirmationCode=quinn_code, ForceAliasCreation=True)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="shared@example.com")["Username"] == "quinn"
    pat = idp.admin_get_user(UserPoolId=pool["Id"], Username="pat")
    assert attr_map(pat)["email_verified"] == "false"


def test_messages_use_the_pool_templates(idp, cognito_url, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["phone_number"], VerificationMessageTemplate={
        "SmsMessage": "Code {####} for {username}", "EmailSubject": "Welcome",
        "EmailMessage": "Hello, your code is {####}"})
    client = make_client(idp, pool)
    out = idp.sign_up(ClientId=client["ClientId"], Username="rita", Password=PASSWORD,
                      UserAttributes=attrs(phone_number="+12065551234", email="rita@example.com"))
    assert out["CodeDeliveryDetails"] == {"Destination": "+*******1234", "DeliveryMedium": "SMS",
                                          "AttributeName": "phone_number"}
    [message] = inbox(cognito_url, pool, "rita")
    assert (message["medium"], message["to"], message["subject"]) == ("SMS", "+12065551234", "")
    assert message["body"] == f"Code {message['code']} for rita"
