"""What AdminResetUserPassword refuses: a FORCE_CHANGE_PASSWORD user (NotAuthorizedException,
captured from AWS) and a user with no verified email or phone (ForgotPassword's
InvalidParameterException). A disabled user is reset ("Works on any user", API reference)."""

from aws_wire import aws_cli_error
from user_helpers import PASSWORD, attrs, error_of, inbox

NOT_RESETTABLE = ("NotAuthorizedException", "User password cannot be reset in the current state.")
NO_ADDRESS = ("InvalidParameterException", ("Cannot reset password for the user as there is no "
                                            "registered/verified email or phone_number"))


def _status(idp, pool, username):
    return idp.admin_get_user(UserPoolId=pool["Id"], Username=username)["UserStatus"]


def test_force_change_password_user_is_not_reset(idp, pool, cognito_url):
    idp.admin_create_user(UserPoolId=pool["Id"], Username="fay", MessageAction="SUPPRESS",
                          UserAttributes=attrs(email="fay@example.com", email_verified="true"))
    assert error_of(idp.admin_reset_user_password, UserPoolId=pool["Id"],
                    Username="fay") == NOT_RESETTABLE
    assert _status(idp, pool, "fay") == "FORCE_CHANGE_PASSWORD"
    assert inbox(cognito_url, pool, "fay", "ForgotPassword") == []


def test_user_without_a_verified_address_is_not_reset(idp, pool):
    idp.admin_create_user(UserPoolId=pool["Id"], Username="gil", MessageAction="SUPPRESS",
                          UserAttributes=attrs(email="gil@example.com"))
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="gil", Password=PASSWORD,
                                Permanent=True)
    assert error_of(idp.admin_reset_user_password, UserPoolId=pool["Id"],
                    Username="gil") == NO_ADDRESS
    assert _status(idp, pool, "gil") == "CONFIRMED"


def test_disabled_user_with_a_verified_address_is_reset(idp, pool):
    idp.admin_create_user(UserPoolId=pool["Id"], Username="hal", MessageAction="SUPPRESS",
                          UserAttributes=attrs(email="hal@example.com", email_verified="true"))
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="hal", Password=PASSWORD,
                                Permanent=True)
    idp.admin_disable_user(UserPoolId=pool["Id"], Username="hal")
    idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="hal")
    assert _status(idp, pool, "hal") == "RESET_REQUIRED"


def test_refusals_with_the_aws_cli(idp, pool, cognito_url):
    idp.admin_create_user(UserPoolId=pool["Id"], Username="ivy", MessageAction="SUPPRESS")
    assert aws_cli_error(cognito_url, "admin-reset-user-password", "--user-pool-id", pool["Id"],
                         "--username", "ivy") == (
        "An error occurred (NotAuthorizedException) when calling the AdminResetUserPassword "
        "operation: User password cannot be reset in the current state.")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="ivy", Password=PASSWORD,
                                Permanent=True)
    assert aws_cli_error(cognito_url, "admin-reset-user-password", "--user-pool-id", pool["Id"],
                         "--username", "ivy").endswith(NO_ADDRESS[1])
