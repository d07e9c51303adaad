"""Identity providers of a pool as AWS keeps them: details checked and completed per provider
type, attribute mappings, identifiers, app clients offering them, linked users, and the
pool's SAML certificates."""

import base64
import datetime
import json
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
from cryptography import x509

from user_helpers import PASSWORD, attr_map, error_of, make_client, make_pool  # noqa: F401

GOOGLE = {"client_id": "1example23456789.apps.googleusercontent.com",
          "client_secret": "provider-app-client-secret", "authorize_scopes": "email profile openid"}
OIDC = {"client_id": "idpexampleclient123", "client_secret": "idpexamplesecret456",
        "attributes_request_method": "GET", "authorize_scopes": "openid profile",
        "oidc_issuer": "https://example.com", "authorize_url": "https://example.com/authorize",
        "token_url": "https://example.com/token", "attributes_url": "https://example.com/userInfo",
        "jwks_uri": "https://example.com/.well-known/jwks.json"}
METADATA = (
    '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
    'entityID="http://www.example.com/sso"><md:IDPSSODescriptor '
    'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
    '<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
    'Location="https://www.example.com/slo/saml"/>'
    '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
    'Location="https://www.example.com/sso/post"/>'
    '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
    'Location="https://www.example.com/sso/saml"/>'
    '</md:IDPSSODescriptor></md:EntityDescriptor>')


def refused(call, *args, **kwargs) -> tuple[str, str]:
    """(code, message) of the AWS error a call raises."""
    return error_of(lambda: call(*args, **kwargs))


def create(idp, pool, name, kind, details, **extra) -> dict:
    return idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName=name,
                                        ProviderType=kind, ProviderDetails=details,
                                        **extra)["IdentityProvider"]


def saml(idp, pool, name="MySAML2", **details) -> dict:
    return create(idp, pool, name, "SAML", {"MetadataFile": METADATA, **details},
                  IdpIdentifiers=[f"{name.lower()}-id"])


def test_a_google_provider_gets_the_urls_aws_adds(idp, pool):
    provider = create(idp, pool, "Google", "Google", GOOGLE, AttributeMapping={"email": "email"})
    assert provider["ProviderDetails"] == {
        **GOOGLE,
        "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
        "attributes_url_add_attributes": "true",
        "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
        "oidc_issuer": "https://accounts.google.com",
        "token_request_method": "POST",
        "token_url": "https://www.googleapis.com/oauth2/v4/token",
    }
    assert provider["AttributeMapping"] == {"username": "sub", "email": "email"}
    assert "IdpIdentifiers" not in provider   # echoed only when the request had them
    assert provider["CreationDate"] == provider["LastModifiedDate"]
    described = idp.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")
    assert described["IdentityProvider"] == {**provider, "IdpIdentifiers": []}


def test_a_saml_provider_reads_its_urls_from_the_metadata(idp, pool):
    provider = saml(idp, pool, EncryptedResponses="true", IDPSignout="true",
                    RequestSigningAlgorithm="rsa-sha256")
    details = provider["ProviderDetails"]
    assert details["SSORedirectBindingURI"] == "https://www.example.com/sso/saml"
    assert details["SLORedirectBindingURI"] == "https://www.example.com/slo/saml"
    cert = x509.load_der_x509_certificate(base64.b64decode(details["ActiveEncryptionCertificate"]))
    assert cert.not_valid_after_utc - cert.not_valid_before_utc >= datetime.timedelta(days=3650)
    found = idp.get_identity_provider_by_identifier(UserPoolId=pool["Id"], IdpIdentifier="mysaml2-id")
    assert found["IdentityProvider"]["ProviderName"] == "MySAML2"
    assert error_of(idp.get_identity_provider_by_identifier, UserPoolId=pool["Id"],
                    IdpIdentifier="nobody")[0] == "ResourceNotFoundException"


@pytest.mark.parametrize("name, kind, details, problem", [
    ("Google", "Google", {"client_id": "x", "authorize_scopes": "openid"},
     "client_id, client_secret and authorize_scopes are all required idp details."),
    ("Google", "Google", {**GOOGLE, "colour": "blue"}, "colour is not a valid provider detail"),
    ("MyGoogle", "Google", GOOGLE, "Provider MyGoogle cannot be of type Google."),
    ("Corp", "OIDC", {**OIDC, "authorize_scopes": "profile"}, "must include openid"),
    ("Corp", "OIDC", {**OIDC, "attributes_request_method": "PUT"}, "GET or POST"),
    ("Corp", "SAML", {}, "At least one of the MetadataURL or MetadataFile should be provided."),
    ("Corp", "SAML", {"MetadataURL": "https://idp.example.com/md", "MetadataFile": METADATA},
     "Exactly one of MetadataURL or MetadataFile"),
    ("Corp", "SAML", {"MetadataFile": "<not-xml"}, "not valid SAML metadata"),
    ("Corp", "SAML", {"MetadataURL": "https://idp.example.com/md", "IDPInit": "yes"},
     "IDPInit must be true or false"),
    ("Cognito", "OIDC", OIDC, "reserved"),
])
def test_provider_details_are_checked_per_type(idp, pool, name, kind, details, problem):
    code, message = error_of(idp.create_identity_provider, UserPoolId=pool["Id"],
                             ProviderName=name, ProviderType=kind, ProviderDetails=details)
    assert code == "InvalidParameterException" and problem in message


def test_mappings_and_identifiers_are_checked(idp, pool):
    code, message = error_of(idp.create_identity_provider, UserPoolId=pool["Id"],
                             ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE,
                             AttributeMapping={"custom:nothing": "x"})
    assert code == "InvalidParameterException" and "custom:nothing" in message
    assert error_of(idp.create_identity_provider, UserPoolId=pool["Id"], ProviderName="Corp",
                    ProviderType="SAML", ProviderDetails={"MetadataFile": METADATA},
                    AcrMapping={"Level1": "urn:acr:1"})[0] == "InvalidParameterException"
    saml(idp, pool, "First")
    code, message = error_of(idp.create_identity_provider, UserPoolId=pool["Id"],
                             ProviderName="Second", ProviderType="SAML",
                             ProviderDetails={"MetadataFile": METADATA}, IdpIdentifiers=["first-id"])
    assert code == "InvalidParameterException" and "first-id" in message
    assert refused(saml, idp, pool, "First")[0] == "DuplicateProviderException"


def test_an_oidc_provider_updates_as_the_aws_cli_example_shows(idp, pool):
    create(idp, pool, "MyOIDCIdP", "OIDC", OIDC)
    updated = idp.update_identity_provider(
        UserPoolId=pool["Id"], ProviderName="MyOIDCIdP",
        ProviderDetails={"authorize_scopes": "openid profile email"},
        AttributeMapping={"email": "idp_email", "email_verified": "idp_email_verified",
                          "username": "sub"},
        IdpIdentifiers=["corp", "dev"], AcrMapping={"Level1": "urn:acr:low"})["IdentityProvider"]
    assert updated["ProviderDetails"] == {**OIDC, "authorize_scopes": "openid profile email",
                                          "attributes_url_add_attributes": "false"}
    assert updated["AttributeMapping"] == {"username": "sub", "email": "idp_email",
                                           "email_verified": "idp_email_verified"}
    assert updated["IdpIdentifiers"] == ["corp", "dev"]
    assert updated["AcrMapping"] == {"Level1": "urn:acr:low"}
    assert updated["LastModifiedDate"] >= updated["CreationDate"]
    assert error_of(idp.update_identity_provider, UserPoolId=pool["Id"], ProviderName="Nobody",
                    IdpIdentifiers=[]) == ("ResourceNotFoundException", (
                        f"Identity provider Nobody in User Pool {pool['Id']} does not exist."))


def test_an_update_keeps_what_it_does_not_name_and_clears_what_it_empties(idp, pool):
    # Measured on AWS by floci (CognitoIdentityProviderIntegrationTest).
    create(idp, pool, "Corp", "OIDC", OIDC, AttributeMapping={"email": "email"},
           IdpIdentifiers=["corp"])
    updated = idp.update_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp",
                                           ProviderDetails=OIDC)["IdentityProvider"]
    assert "IdpIdentifiers" not in updated
    described = idp.describe_identity_provider(UserPoolId=pool["Id"],
                                               ProviderName="Corp")["IdentityProvider"]
    assert described["IdpIdentifiers"] == ["corp"]
    assert described["AttributeMapping"] == {"username": "sub", "email": "email"}
    cleared = idp.update_identity_provider(UserPoolId=pool["Id"], ProviderName="Corp",
                                           AttributeMapping={}, IdpIdentifiers=[])
    assert (cleared["IdentityProvider"]["AttributeMapping"],
            cleared["IdentityProvider"]["IdpIdentifiers"]) == ({}, [])
    assert error_of(idp.describe_identity_provider, UserPoolId=pool["Id"],
                    ProviderName="Nobody") == ("ResourceNotFoundException", (
                        f"Identity provider Nobody for tenantId {pool['Id']} does not exist."))
    assert error_of(idp.create_identity_provider, UserPoolId=pool["Id"], ProviderName="Corp",
                    ProviderType="OIDC", ProviderDetails=OIDC) == (
        "DuplicateProviderException", f"Corp already exists for tenant {pool['Id']}.")


def test_parallel_updates_of_different_members_are_both_kept(idp, pool, cognito_url):
    create(idp, pool, "Race", "OIDC", OIDC)

    def update(members):
        # A client of its own, as two services of an app would have: its own connection.
        own = boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1")
        own.update_identity_provider(UserPoolId=pool["Id"], ProviderName="Race", **members)

    for round_ in range(30):
        mapping = {"username": "sub", "email": f"mail{round_}"}
        with ThreadPoolExecutor(2) as both:
            list(both.map(update, [{"AttributeMapping": mapping},
                                   {"IdpIdentifiers": [f"id-{round_}"]}]))
        got = idp.describe_identity_provider(UserPoolId=pool["Id"],
                                             ProviderName="Race")["IdentityProvider"]
        assert (got["AttributeMapping"], got["IdpIdentifiers"]) == (mapping, [f"id-{round_}"])


def test_sign_in_with_apple_never_shows_its_private_key(idp, pool):
    details = {"client_id": "com.example.cognito", "team_id": "3EXAMPLE", "key_id": "2EXAMPLE",
               "private_key": "-----BEGIN PRIVATE KEY-----x", "authorize_scopes": "email name"}
    provider = create(idp, pool, "SignInWithApple", "SignInWithApple", details)
    assert "private_key" not in provider["ProviderDetails"]
    assert provider["ProviderDetails"]["oidc_issuer"] == "https://appleid.apple.com"


def test_providers_are_listed_page_by_page_and_deleted(idp, pool):
    for name in ("A-one", "B-two", "C-three"):
        saml(idp, pool, name)
    first = idp.list_identity_providers(UserPoolId=pool["Id"], MaxResults=2)
    assert [p["ProviderName"] for p in first["Providers"]] == ["A-one", "B-two"]
    assert set(first["Providers"][0]) == {"ProviderName", "ProviderType", "LastModifiedDate",
                                          "CreationDate"}
    rest = idp.list_identity_providers(UserPoolId=pool["Id"], MaxResults=2,
                                       NextToken=first["NextToken"])
    assert [p["ProviderName"] for p in rest["Providers"]] == ["C-three"]
    idp.delete_identity_provider(UserPoolId=pool["Id"], ProviderName="B-two")
    assert error_of(idp.describe_identity_provider, UserPoolId=pool["Id"],
                    ProviderName="B-two")[0] == "ResourceNotFoundException"


def test_app_clients_can_offer_the_pool_providers(idp, pool):
    code, message = error_of(idp.create_user_pool_client, UserPoolId=pool["Id"], ClientName="a",
                             SupportedIdentityProviders=["COGNITO", "Google"])
    assert (code, message) == ("InvalidParameterException",
                               f"The provider Google does not exist for User Pool {pool['Id']}")
    create(idp, pool, "Google", "Google", GOOGLE)
    client = make_client(idp, pool, SupportedIdentityProviders=["COGNITO", "Google"])
    assert client["SupportedIdentityProviders"] == ["COGNITO", "Google"]
    idp.delete_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"]["SupportedIdentityProviders"] == ["COGNITO"]


def _link(idp, pool, username, provider, value, attribute="Cognito_Subject"):
    idp.admin_link_provider_for_user(
        UserPoolId=pool["Id"],
        DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": username},
        SourceUser={"ProviderName": provider, "ProviderAttributeName": attribute,
                    "ProviderAttributeValue": value})


def _identities(idp, pool, username) -> list:
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username=username)
    return json.loads(attr_map(user).get("identities", "[]"))


def test_a_linked_user_shows_the_identity_and_unlinking_removes_it(idp, pool):
    create(idp, pool, "Google", "Google", GOOGLE)
    saml(idp, pool, "ADFS1")
    idp.admin_create_user(UserPoolId=pool["Id"], Username="diego", MessageAction="SUPPRESS")
    _link(idp, pool, "diego", "Google", "0000000000000000")
    _link(idp, pool, "diego", "ADFS1", "msp_diego@example.com", attribute="email")
    identities = _identities(idp, pool, "diego")
    assert [(i["providerName"], i["providerType"], i["userId"], i["primary"], i["issuer"])
            for i in identities] == [
        ("Google", "Google", "0000000000000000", False, "https://accounts.google.com"),
        ("ADFS1", "SAML", "msp_diego@example.com", False, "http://www.example.com/sso")]
    assert all(isinstance(i["dateCreated"], int) for i in identities)

    idp.admin_create_user(UserPoolId=pool["Id"], Username="other", MessageAction="SUPPRESS")
    code, message = refused(_link, idp, pool, "other", "Google", "0000000000000000")
    assert code == "InvalidParameterException" and "already linked" in message
    assert refused(_link, idp, pool, "diego", "Google", "1", attribute="email")[0] == \
        "InvalidParameterException"
    assert refused(_link, idp, pool, "nobody", "Google", "2")[0] == "UserNotFoundException"
    assert refused(_link, idp, pool, "diego", "Facebook", "3")[0] == "ResourceNotFoundException"

    idp.admin_disable_provider_for_user(UserPoolId=pool["Id"], User={
        "ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject",
        "ProviderAttributeValue": "0000000000000000"})
    assert [i["providerName"] for i in _identities(idp, pool, "diego")] == ["ADFS1"]
    idp.delete_identity_provider(UserPoolId=pool["Id"], ProviderName="ADFS1")
    assert "identities" not in attr_map(idp.admin_get_user(UserPoolId=pool["Id"], Username="diego"))
    _link(idp, pool, "other", "Google", "0000000000000000")  # free again


def test_a_user_links_at_most_five_identities(idp, pool):
    create(idp, pool, "Google", "Google", GOOGLE)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="many", MessageAction="SUPPRESS")
    for n in range(5):
        _link(idp, pool, "many", "Google", f"id-{n}")
    assert refused(_link, idp, pool, "many", "Google", "id-5")[0] == "LimitExceededException"


def test_disabling_the_cognito_provider_of_a_user_ends_their_password_sign_in(idp, pool):
    client = make_client(idp, pool, ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH",
                                                       "ALLOW_REFRESH_TOKEN_AUTH"])
    idp.admin_create_user(UserPoolId=pool["Id"], Username="native", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="native", Password=PASSWORD,
                                Permanent=True)
    sign_in = {"UserPoolId": pool["Id"], "ClientId": client["ClientId"],
               "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
               "AuthParameters": {"USERNAME": "native", "PASSWORD": PASSWORD}}
    assert idp.admin_initiate_auth(**sign_in)["AuthenticationResult"]
    idp.admin_disable_provider_for_user(UserPoolId=pool["Id"], User={
        "ProviderName": "Cognito", "ProviderAttributeName": "Cognito_Subject",
        "ProviderAttributeValue": "native"})
    assert error_of(idp.admin_initiate_auth, **sign_in) == (
        "NotAuthorizedException", "Incorrect username or password.")


def test_the_signing_certificate_is_an_x509_certificate_kept_for_the_pool(idp, pool):
    first = idp.get_signing_certificate(UserPoolId=pool["Id"])["Certificate"]
    cert = x509.load_der_x509_certificate(base64.b64decode(first))
    assert cert.not_valid_after_utc - cert.not_valid_before_utc >= datetime.timedelta(days=3650)
    assert idp.get_signing_certificate(UserPoolId=pool["Id"])["Certificate"] == first
    assert error_of(idp.get_signing_certificate, UserPoolId="us-east-1_NoSuchPool")[0] == \
        "ResourceNotFoundException"
