"""AWS's exact answers to three mistakes: a custom attribute without AttributeDataType, a
social identity provider under another name, and Admin attribute calls naming an attribute
the schema lacks."""

import pytest
from aws_wire import aws_cli_error
from user_helpers import PASSWORD, error_of

NO_TYPE = ("InvalidParameterException",
           "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.")
GOOGLE = {"client_id": "1example23456789.apps.googleusercontent.com",
          "client_secret": "provider-app-client-secret", "authorize_scopes": "email profile openid"}


def _unknown(name):
    return ("InvalidParameterException",
            f"Invalid user attributes: user.{name}: Attribute does not exist in the schema.")


def test_custom_attribute_needs_a_data_type(idp, pool):
    assert error_of(idp.create_user_pool, PoolName="untyped",
                    Schema=[{"Name": "tier", "Mutable": True}]) == NO_TYPE
    assert error_of(idp.add_custom_attributes, UserPoolId=pool["Id"],
                    CustomAttributes=[{"Name": "tier"}]) == NO_TYPE
    # A standard attribute keeps its own type when the entry leaves it out.
    made = idp.create_user_pool(PoolName="std", Schema=[{"Name": "email", "Required": True}])
    idp.delete_user_pool(UserPoolId=made["UserPool"]["Id"])


@pytest.mark.parametrize("name, kind", [("NameOfGP", "Google"), ("Apple", "SignInWithApple")])
def test_social_provider_under_another_name(idp, pool, name, kind):
    assert error_of(idp.create_identity_provider, UserPoolId=pool["Id"], ProviderName=name,
                    ProviderType=kind, ProviderDetails=GOOGLE) == (
        "InvalidParameterException", f"Provider {name} cannot be of type {kind}.")


def test_admin_attribute_calls_name_the_unknown_attribute(idp, pool):
    idp.admin_create_user(UserPoolId=pool["Id"], Username="kim", MessageAction="SUPPRESS",
                          TemporaryPassword=PASSWORD)
    assert error_of(idp.admin_update_user_attributes, UserPoolId=pool["Id"], Username="kim",
                    UserAttributes=[{"Name": "custom:nope", "Value": "x"}]) == \
        _unknown("custom:nope")
    assert error_of(idp.admin_delete_user_attributes, UserPoolId=pool["Id"], Username="kim",
                    UserAttributeNames=["shoe_size"]) == _unknown("shoe_size")
    # AdminCreateUser keeps its own wording.
    assert error_of(idp.admin_create_user, UserPoolId=pool["Id"], Username="lou",
                    UserAttributes=[{"Name": "custom:nope", "Value": "x"}]) == (
        "InvalidParameterException",
        ("Attributes did not conform to the schema: custom:nope: Attribute does not exist in "
         "the schema."))


def test_wording_with_the_aws_cli(idp, pool, cognito_url):
    def says(*args):
        return aws_cli_error(cognito_url, *args).split(" operation: ", 1)[1]

    assert says("add-custom-attributes", "--user-pool-id", pool["Id"],
                "--custom-attributes", "Name=tier") == NO_TYPE[1]
    assert says("create-identity-provider", "--user-pool-id", pool["Id"],
                "--provider-name", "NameOfGP", "--provider-type", "Google",
                "--provider-details", "client_id=a,client_secret=b,authorize_scopes=openid") == \
        "Provider NameOfGP cannot be of type Google."
    idp.admin_create_user(UserPoolId=pool["Id"], Username="kim", MessageAction="SUPPRESS")
    assert says("admin-update-user-attributes", "--user-pool-id", pool["Id"], "--username", "kim",
                "--user-attributes", "Name=custom:nope,Value=x") == _unknown("custom:nope")[1]
    assert says("admin-delete-user-attributes", "--user-pool-id", pool["Id"], "--username", "kim",
                "--user-attribute-names", "custom:nope") == _unknown("custom:nope")[1]
