"""AdminCreateUser, AdminGetUser, AdminDeleteUser, AdminEnable/DisableUser,
AdminSetUserPassword, AdminResetUserPassword, AdminUpdate/DeleteUserAttributes."""

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
    password_works,
)

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def test_admin_create_user_invites_with_a_generated_temporary_password(idp, cognito_url, make_pool):
    pool = make_pool(AdminCreateUserConfig={"InviteMessageTemplate": {
        "EmailSubject": "Welcome aboard", "EmailMessage": "Hi {username}, use {####} to sign in."}})
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    user = idp.admin_create_user(UserPoolId=pool["Id"], Username="diego",
                                 UserAttributes=attrs(email="diego@example.com",
                                                      phone_number="+15555551212"),
                                 DesiredDeliveryMediums=["EMAIL"])["User"]
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD" and user["Enabled"] is True
    assert [a["Name"] for a in user["Attributes"]] == ["sub", "phone_number", "email"]
    assert UUID.fullmatch(attr_map(user)["sub"])
    [message] = inbox(cognito_url, pool, "diego")
    assert (message["kind"], message["medium"], message["to"]) == (
        "AdminCreateUser", "EMAIL", "diego@example.com")
    assert message["subject"] == "Welcome aboard"
    assert message["body"] == f"Hi diego, use {message['code']} to sign in."
    challenge = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "diego",
                                                  "PASSWORD": message["code"]})
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


def test_admin_create_user_options_and_errors(idp, cognito_url, pool):
    created = idp.admin_create_user(UserPoolId=pool["Id"], Username="erin",
                                    TemporaryPassword="Temp0rary!", MessageAction="SUPPRESS")
    assert created["User"]["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert inbox(cognito_url, pool, "erin") == []
    assert error_of(idp.admin_create_user, UserPoolId=pool["Id"], Username="erin") == (
        "UsernameExistsException", "User account already exists")
    assert error_of(idp.admin_create_user, UserPoolId=pool["Id"], Username="fay",
                    TemporaryPassword="weakpass") == (
        "InvalidPasswordException",
        "Password did not conform with policy: Password must have uppercase characters")
    # No address at all: the invitation is only in the inbox (and the log).
    idp.admin_create_user(UserPoolId=pool["Id"], Username="fay")
    [message] = inbox(cognito_url, pool, "fay")
    assert message["to"] == "" and message["code"]
    # RESEND: a new temporary password for a user still in FORCE_CHANGE_PASSWORD.
    idp.admin_create_user(UserPoolId=pool["Id"], Username="fay", MessageAction="RESEND")
    assert len(inbox(cognito_url, pool, "fay")) == 2
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="fay", Password=PASSWORD,
                                Permanent=True)
    assert error_of(idp.admin_create_user, UserPoolId=pool["Id"], Username="fay",
                    MessageAction="RESEND")[0] == "UnsupportedUserStateException"
    assert error_of(idp.admin_create_user, UserPoolId=pool["Id"], Username="ghost",
                    MessageAction="RESEND") == ("UserNotFoundException", "User does not exist.")
    assert error_of(idp.admin_create_user, UserPoolId="us-east-1_nosuchpol",
                    Username="x") == ("ResourceNotFoundException",
                                      "User pool us-east-1_nosuchpol does not exist.")


def test_admin_create_user_sms_invitation_is_the_default(idp, cognito_url, pool):
    idp.admin_create_user(UserPoolId=pool["Id"], Username="gus",
                          UserAttributes=attrs(email="gus@example.com", phone_number="+12065550100"))
    [message] = inbox(cognito_url, pool, "gus")
    assert (message["medium"], message["to"], message["subject"]) == ("SMS", "+12065550100", "")
    assert message["body"] == f"Your username is gus and temporary password is {message['code']}. "


def test_email_username_pool_and_alias_clash_on_create(idp, make_pool):
    pool = make_pool(UsernameAttributes=["email"])
    user = idp.admin_create_user(UserPoolId=pool["Id"], Username="hana@example.com",
                                 MessageAction="SUPPRESS")["User"]
    assert user["Username"] == attr_map(user)["sub"]
    assert attr_map(user)["email"] == "hana@example.com"
    assert error_of(idp.admin_create_user, UserPoolId=pool["Id"], Username="hana@example.com",
                    MessageAction="SUPPRESS") == (
        "UsernameExistsException", "An account with the given email already exists.")

    aliases = make_pool(AliasAttributes=["email"])
    idp.admin_create_user(UserPoolId=aliases["Id"], Username="ian", MessageAction="SUPPRESS",
                          UserAttributes=attrs(email="ian@example.com", email_verified="true"))
    assert error_of(idp.admin_create_user, UserPoolId=aliases["Id"], Username="ivan",
                    MessageAction="SUPPRESS",
                    UserAttributes=attrs(email="ian@example.com", email_verified="true")) == (
        "AliasExistsException", "An account with the email already exists.")
    idp.admin_create_user(UserPoolId=aliases["Id"], Username="ivan", MessageAction="SUPPRESS",
                          ForceAliasCreation=True,
                          UserAttributes=attrs(email="ian@example.com", email_verified="true"))
    assert idp.admin_get_user(UserPoolId=aliases["Id"], Username="ian@example.com")["Username"] == "ivan"
    assert attr_map(idp.admin_get_user(UserPoolId=aliases["Id"], Username="ian"))["email_verified"] == "false"


def test_admin_get_user_by_username_alias_or_sub(idp, pool):
    user = idp.admin_create_user(UserPoolId=pool["Id"], Username="jo", MessageAction="SUPPRESS",
                                 UserAttributes=attrs(name="Jo"))["User"]
    sub = attr_map(user)["sub"]
    got = idp.admin_get_user(UserPoolId=pool["Id"], Username="jo")
    assert set(got) - {"ResponseMetadata"} == {"Username", "UserAttributes", "UserCreateDate",
                                               "UserLastModifiedDate", "Enabled", "UserStatus"}
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=sub)["Username"] == "jo"
    assert error_of(idp.admin_get_user, UserPoolId=pool["Id"], Username="JO") == (
        "UserNotFoundException", "User does not exist.")


def test_delete_user_frees_the_name_and_its_group_memberships(idp, pool):
    idp.create_group(UserPoolId=pool["Id"], GroupName="staff")
    first = idp.admin_create_user(UserPoolId=pool["Id"], Username="kai", MessageAction="SUPPRESS")
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="kai", GroupName="staff")
    idp.admin_delete_user(UserPoolId=pool["Id"], Username="kai")
    assert error_of(idp.admin_get_user, UserPoolId=pool["Id"], Username="kai")[0] == \
        "UserNotFoundException"
    assert error_of(idp.admin_delete_user, UserPoolId=pool["Id"], Username="kai")[0] == \
        "UserNotFoundException"
    assert idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="staff")["Users"] == []
    second = idp.admin_create_user(UserPoolId=pool["Id"], Username="kai", MessageAction="SUPPRESS")
    assert attr_map(first["User"])["sub"] != attr_map(second["User"])["sub"]
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["EstimatedNumberOfUsers"] == 1


def test_disable_and_enable(idp, pool):
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="lea", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="lea", Password=PASSWORD,
                                Permanent=True)
    idp.admin_disable_user(UserPoolId=pool["Id"], Username="lea")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="lea")["Enabled"] is False
    assert error_of(idp.initiate_auth, ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                    AuthParameters={"USERNAME": "lea", "PASSWORD": PASSWORD}) == (
        "NotAuthorizedException", "User is disabled.")
    idp.admin_enable_user(UserPoolId=pool["Id"], Username="lea")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="lea")["Enabled"] is True
    assert password_works(idp, client, "lea", PASSWORD)
    assert error_of(idp.admin_disable_user, UserPoolId=pool["Id"], Username="nobody")[0] == \
        "UserNotFoundException"


def test_admin_set_user_password(idp, pool, make_pool):
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="max", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="max", Password=PASSWORD,
                                Permanent=True)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="max")["UserStatus"] == "CONFIRMED"
    assert password_works(idp, client, "max", PASSWORD)
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="max", Password="Temp0rary!",
                                Permanent=False)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="max")["UserStatus"] == \
        "FORCE_CHANGE_PASSWORD"
    assert not password_works(idp, client, "max", PASSWORD)
    assert error_of(idp.admin_set_user_password, UserPoolId=pool["Id"], Username="max",
                    Password="password", Permanent=True)[0] == "InvalidPasswordException"

    history = make_pool(Policies={"PasswordPolicy": {"MinimumLength": 8, "PasswordHistorySize": 2}})
    idp.admin_create_user(UserPoolId=history["Id"], Username="nia", MessageAction="SUPPRESS")
    for password in ("first-pass", "second-pass"):
        idp.admin_set_user_password(UserPoolId=history["Id"], Username="nia", Password=password,
                                    Permanent=True)
    assert error_of(idp.admin_set_user_password, UserPoolId=history["Id"], Username="nia",
                    Password="first-pass", Permanent=True)[0] == \
        "PasswordHistoryPolicyViolationException"
    idp.admin_set_user_password(UserPoolId=history["Id"], Username="nia", Password="third-pass",
                                Permanent=True)
    idp.admin_set_user_password(UserPoolId=history["Id"], Username="nia", Password="first-pass",
                                Permanent=True)


def test_admin_reset_user_password_then_recover(idp, cognito_url, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["email"])
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="omar", MessageAction="SUPPRESS",
                          UserAttributes=attrs(email="omar@example.com", email_verified="true"))
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="omar", Password=PASSWORD,
                                Permanent=True)
    idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="omar")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="omar")["UserStatus"] == "RESET_REQUIRED"
    assert error_of(idp.initiate_auth, ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                    AuthParameters={"USERNAME": "omar", "PASSWORD": PASSWORD})[0] == \
        "PasswordResetRequiredException"
    message = inbox(cognito_url, pool, "omar")[-1]
    assert (message["kind"], message["to"]) == ("ForgotPassword", "omar@example.com")
    idp.confirm_forgot_password(ClientId=client["ClientId"], Username="omar",
                                ConfirmationCode=message["code"], Password="N3w-Passw0rd")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="omar")["UserStatus"] == "CONFIRMED"
    assert password_works(idp, client, "omar", "N3w-Passw0rd")


def test_admin_update_user_attributes(idp, cognito_url, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["email"],
                     Schema=[{"Name": "tenant", "AttributeDataType": "String", "Mutable": False}])
    idp.admin_create_user(UserPoolId=pool["Id"], Username="pia", MessageAction="SUPPRESS",
                          UserAttributes=attrs(email="pia@example.com", email_verified="true",
                                               custom__tenant="acme"))
    idp.admin_update_user_attributes(UserPoolId=pool["Id"], Username="pia",
                                     UserAttributes=attrs(name="Pia", email="pia@new.example"))
    values = attr_map(idp.admin_get_user(UserPoolId=pool["Id"], Username="pia"))
    assert values["name"] == "Pia" and values["email"] == "pia@new.example"
    assert values["email_verified"] == "false"
    message = inbox(cognito_url, pool, "pia")[-1]
    assert (message["kind"], message["to"]) == ("UpdateUserAttribute", "pia@new.example")

    idp.admin_update_user_attributes(UserPoolId=pool["Id"], Username="pia", UserAttributes=attrs(
        email="pia@third.example", email_verified="true"))
    values = attr_map(idp.admin_get_user(UserPoolId=pool["Id"], Username="pia"))
    assert (values["email"], values["email_verified"]) == ("pia@third.example", "true")
    assert len(inbox(cognito_url, pool, "pia")) == 1

    assert error_of(idp.admin_update_user_attributes, UserPoolId=pool["Id"], Username="pia",
                    UserAttributes=attrs(custom__tenant="other"))[0] == "InvalidParameterException"
    assert error_of(idp.admin_update_user_attributes, UserPoolId=pool["Id"], Username="pia",
                    UserAttributes=attrs(phone_number="555")) == (
        "InvalidParameterException", "Invalid phone number format.")
    assert error_of(idp.admin_update_user_attributes, UserPoolId=pool["Id"], Username="pia",
                    UserAttributes=attrs(phone_number_verified="true")) == (
        "InvalidParameterException", "Phone Number is required to verify/un-verify a phone number")
    assert error_of(idp.admin_update_user_attributes, UserPoolId=pool["Id"], Username="nobody",
                    UserAttributes=attrs(name="x"))[0] == "UserNotFoundException"


def test_verified_alias_clash_on_update(idp, make_pool):
    pool = make_pool(AliasAttributes=["email", "preferred_username"])
    for name in ("quin", "remy"):
        idp.admin_create_user(UserPoolId=pool["Id"], Username=name, MessageAction="SUPPRESS",
                              UserAttributes=attrs(email=f"{name}@example.com", email_verified="true",
                                                   preferred_username=f"{name}-p"))
    assert error_of(idp.admin_update_user_attributes, UserPoolId=pool["Id"], Username="remy",
                    UserAttributes=attrs(email="quin@example.com", email_verified="true")) == (
        "AliasExistsException", "An account with the email already exists.")
    assert error_of(idp.admin_update_user_attributes, UserPoolId=pool["Id"], Username="remy",
                    UserAttributes=attrs(preferred_username="quin-p"))[0] == "AliasExistsException"
    # An unverified copy of someone's email is no alias, so it does not clash.
    idp.admin_update_user_attributes(UserPoolId=pool["Id"], Username="remy",
                                     UserAttributes=attrs(email="quin@example.com"))
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="quin@example.com")["Username"] == "quin"
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="remy-p")["Username"] == "remy"


def test_admin_delete_user_attributes(idp, make_pool):
    pool = make_pool(Schema=[{"Name": "name", "Required": True}])
    idp.admin_create_user(UserPoolId=pool["Id"], Username="sam", MessageAction="SUPPRESS",
                          UserAttributes=attrs(name="Sam", email="sam@example.com",
                                               email_verified="true", locale="en"))
    idp.admin_delete_user_attributes(UserPoolId=pool["Id"], Username="sam",
                                     UserAttributeNames=["email", "locale"])
    values = attr_map(idp.admin_get_user(UserPoolId=pool["Id"], Username="sam"))
    assert set(values) == {"sub", "name"}
    assert error_of(idp.admin_delete_user_attributes, UserPoolId=pool["Id"], Username="sam",
                    UserAttributeNames=["name"]) == (
        "InvalidParameterException",
        "Attributes did not conform to the schema: name: The attribute is required")
    assert error_of(idp.admin_delete_user_attributes, UserPoolId=pool["Id"], Username="sam",
                    UserAttributeNames=["custom:nope"])[0] == "InvalidParameterException"


def test_disabling_revokes_the_users_tokens(idp, pool):
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="tom", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="tom", Password=PASSWORD,
                                Permanent=True)
    tokens = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "tom", "PASSWORD": PASSWORD})[
        "AuthenticationResult"]
    idp.admin_disable_user(UserPoolId=pool["Id"], Username="tom")
    idp.admin_enable_user(UserPoolId=pool["Id"], Username="tom")
    assert error_of(idp.initiate_auth, ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                    AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})[0] == \
        "NotAuthorizedException"
    assert password_works(idp, client, "tom", PASSWORD)
