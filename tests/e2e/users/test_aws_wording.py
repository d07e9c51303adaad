"""AWS's exact answers to mistakes: a custom attribute without AttributeDataType, a social
identity provider under another name, Admin attribute calls naming an attribute the schema
lacks, and others captured from real AWS answers."""

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


def test_more_refusals_in_the_words_real_aws_answers_used(idp, pool):
    """Each message as captured from AWS (the source is cited where the code raises it)."""
    bad = "InvalidParameterException"
    assert error_of(idp.create_identity_provider, UserPoolId=pool["Id"], ProviderName="Corp",
                    ProviderType="OIDC", ProviderDetails={
                        "client_id": "c", "authorize_scopes": "openid",
                        "oidc_issuer": "https://idp.example.com",
                        "attributes_request_method": "GET"},
                    AttributeMapping={"custom:zen_groups": "groups"}) == (
        bad, "AttributeMapping contains invalid mapping: [custom:zen_groups]")
    idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Google",
                                 ProviderType="Google", ProviderDetails=GOOGLE)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="kim", MessageAction="SUPPRESS",
                          TemporaryPassword=PASSWORD,
                          UserAttributes=[{"Name": "email", "Value": "kim@example.com"}])
    assert error_of(idp.admin_link_provider_for_user, UserPoolId=pool["Id"],
                    DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": "kim"},
                    SourceUser={"ProviderName": "Cognito", "ProviderAttributeName": "Cognito_Subject",
                                "ProviderAttributeValue": "kim"}) == (
        bad, ("Invalid SourceUser: Cognito users with a username/password may not be passed "
              "in as a SourceUser, only as a DestinationUser"))
    assert error_of(idp.admin_set_user_settings, UserPoolId=pool["Id"], Username="kim",
                    MFAOptions=[{"DeliveryMedium": "EMAIL", "AttributeName": "email"}]) == (
        bad, "Only phone_number attribute is currently supported as a MFA option.")


def test_attribute_verification_refusals_as_a_real_pool_answers(idp, pool):
    # Compared with a real user pool (floci-io/floci PR #1898).
    client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web",
                                         ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                            "ALLOW_REFRESH_TOKEN_AUTH"])
    idp.admin_create_user(UserPoolId=pool["Id"], Username="noa", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="noa", Password=PASSWORD,
                                Permanent=True)
    access = idp.initiate_auth(
        ClientId=client["UserPoolClient"]["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "noa", "PASSWORD": PASSWORD})["AuthenticationResult"][
        "AccessToken"]
    refused = ("InvalidParameterException",
               "Invalid attribute name. Only phone_number and email can be verified.")
    assert error_of(idp.get_user_attribute_verification_code, AccessToken=access,
                    AttributeName="name") == refused
    assert error_of(idp.verify_user_attribute, AccessToken=access, AttributeName="name",
                    Code="123456") == refused
    assert error_of(idp.get_user_attribute_verification_code, AccessToken=access,
                    AttributeName="email") == (
        "InvalidParameterException", "User does not have a valid registered email address")
    assert error_of(idp.get_user_attribute_verification_code, AccessToken=access,
                    AttributeName="phone_number") == (
        "InvalidParameterException", "User does not have a valid registered phone number")


def test_an_immutable_attribute_cannot_be_changed(idp):
    pool = idp.create_user_pool(PoolName="immutable", Schema=[
        {"Name": "tenant", "AttributeDataType": "String", "Mutable": False}])["UserPool"]
    try:
        idp.admin_create_user(UserPoolId=pool["Id"], Username="ola", MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "custom:tenant", "Value": "acme"}])
        assert error_of(idp.admin_update_user_attributes, UserPoolId=pool["Id"],
                        Username="ola",
                        UserAttributes=[{"Name": "custom:tenant", "Value": "other"}]) == (
            "InvalidParameterException", "user.custom:tenant: Attribute cannot be updated.")
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])
