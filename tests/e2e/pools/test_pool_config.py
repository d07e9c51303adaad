"""Pool settings that are stored and returned with AWS's checks: classic hosted UI
customization (served logo included), log delivery, risk configuration, managed login
branding and terms documents."""

import base64
import json
import re
from pathlib import Path

import awscli
import pytest
import requests

from aws_wire import aws_example
from user_helpers import error_of, make_client, make_pool  # noqa: F401

EXAMPLE_CSS = aws_example("get-ui-customization")["UICustomization"]["CSS"]
# A 1x1 PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'


@pytest.fixture
def hosted_pool(idp, pool):
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=f"cfg{pool['Id'][-9:].lower()}")
    yield pool
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=f"cfg{pool['Id'][-9:].lower()}")


# -- classic hosted UI customization ----------------------------------------------------------

def test_ui_customization_is_set_for_all_clients_and_one_client(idp, hosted_pool):
    pool = hosted_pool
    client = make_client(idp, pool)
    empty = idp.get_ui_customization(UserPoolId=pool["Id"])["UICustomization"]
    assert empty == {"UserPoolId": pool["Id"], "ClientId": "ALL"}
    every = idp.set_ui_customization(UserPoolId=pool["Id"], ClientId="ALL", CSS=EXAMPLE_CSS,
                                     ImageFile=PNG)["UICustomization"]
    assert every["CSS"] == EXAMPLE_CSS and re.fullmatch(r"\d{14}", every["CSSVersion"])
    # A client without its own customization gets the pool's.
    inherited = idp.get_ui_customization(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert inherited["UICustomization"] == every
    own = idp.set_ui_customization(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                   CSS=".label-customizable { font-weight: 400; }")
    assert own["UICustomization"]["ClientId"] == client["ClientId"]
    assert "ImageUrl" not in own["UICustomization"]
    got = idp.get_ui_customization(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert got["UICustomization"]["CSS"] == ".label-customizable { font-weight: 400; }"


def test_the_logo_is_served_at_its_image_url(idp, hosted_pool):
    shown = idp.set_ui_customization(UserPoolId=hosted_pool["Id"], ImageFile=PNG)["UICustomization"]
    r = requests.get(shown["ImageUrl"], timeout=10)
    assert r.status_code == 200 and r.content == PNG and r.headers["Content-Type"] == "image/png"


@pytest.mark.parametrize("css, problem", [
    (".title { color: red; }", ".title is not allowed"),
    ("@import url(https://evil.example/x.css);", "@import"),
    (".label-customizable { background: url(javascript:alert(1)); }", "javascript:"),
    ("@media screen { .label-customizable { color: red; } }", "@media"),
])
def test_css_may_style_only_the_hosted_ui_classes(idp, hosted_pool, css, problem):
    code, message = error_of(idp.set_ui_customization, UserPoolId=hosted_pool["Id"], CSS=css)
    assert code == "InvalidParameterException" and problem in message


def test_ui_customization_needs_a_hosted_ui_domain(idp, pool):
    assert error_of(idp.set_ui_customization, UserPoolId=pool["Id"],
                    CSS=EXAMPLE_CSS)[0] == "InvalidParameterException"


def test_the_logo_must_be_a_small_png_or_jpeg(idp, hosted_pool):
    for image, problem in ((b"GIF89a....", "PNG or JPEG"), (PNG + b"\0" * 110_000, "100 KB")):
        code, message = error_of(idp.set_ui_customization, UserPoolId=hosted_pool["Id"],
                                 ImageFile=image)
        assert code == "InvalidParameterException" and problem in message


# -- log delivery -----------------------------------------------------------------------------

LOG_GROUP = "arn:aws:logs:us-east-1:000000000000:log-group:cognito-exported"
BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket1"


def test_log_delivery_is_stored_and_returned(idp, make_pool):
    pool = make_pool(UserPoolTier="PLUS")
    assert idp.get_log_delivery_configuration(UserPoolId=pool["Id"])["LogDeliveryConfiguration"] \
        == {"UserPoolId": pool["Id"], "LogConfigurations": []}
    configs = [{"LogLevel": "ERROR", "EventSource": "userNotification",
                "CloudWatchLogsConfiguration": {"LogGroupArn": LOG_GROUP}},
               {"LogLevel": "INFO", "EventSource": "userAuthEvents",
                "S3Configuration": {"BucketArn": BUCKET}}]
    set_ = idp.set_log_delivery_configuration(UserPoolId=pool["Id"], LogConfigurations=configs)
    assert set_["LogDeliveryConfiguration"] == {"UserPoolId": pool["Id"], "LogConfigurations": configs}
    got = idp.get_log_delivery_configuration(UserPoolId=pool["Id"])
    assert got["LogDeliveryConfiguration"]["LogConfigurations"] == configs


def test_log_delivery_is_checked_as_aws_documents(idp, make_pool):
    essentials = make_pool()
    auth_events = [{"LogLevel": "INFO", "EventSource": "userAuthEvents",
                    "S3Configuration": {"BucketArn": BUCKET}}]
    assert error_of(idp.set_log_delivery_configuration, UserPoolId=essentials["Id"],
                    LogConfigurations=auth_events)[0] == "FeatureUnavailableInTierException"
    for bad in ([{"LogLevel": "INFO", "EventSource": "userNotification",
                  "CloudWatchLogsConfiguration": {"LogGroupArn": LOG_GROUP}}],
                [{"LogLevel": "ERROR", "EventSource": "userNotification",
                  "S3Configuration": {"BucketArn": BUCKET}}],
                [{"LogLevel": "ERROR", "EventSource": "userNotification"}]):
        assert error_of(idp.set_log_delivery_configuration, UserPoolId=essentials["Id"],
                        LogConfigurations=bad)[0] == "InvalidParameterException"


# -- risk configuration -----------------------------------------------------------------------

def test_the_risk_configuration_of_the_aws_cli_example_round_trips(idp, pool):
    request = aws_example("set-risk-configuration")["RiskConfiguration"]
    client = make_client(idp, pool)
    request.update(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    request["AccountTakeoverRiskConfiguration"]["NotifyConfiguration"]["SourceArn"] = \
        "arn:aws:ses:us-east-1:000000000000:identity/admin@example.com"
    answer = idp.set_risk_configuration(**request)["RiskConfiguration"]
    assert answer.pop("LastModifiedDate")
    assert answer == request
    described = idp.describe_risk_configuration(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert {k: v for k, v in described["RiskConfiguration"].items() if k != "LastModifiedDate"} \
        == request
    # With the pool and client only: the client goes back to the pool's (none here).
    idp.set_risk_configuration(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert idp.describe_risk_configuration(UserPoolId=pool["Id"], ClientId=client["ClientId"]) \
        ["RiskConfiguration"] == {"UserPoolId": pool["Id"], "ClientId": client["ClientId"]}


def test_a_client_without_its_own_risk_configuration_gets_the_pool_one(idp, pool):
    client = make_client(idp, pool)
    idp.set_risk_configuration(UserPoolId=pool["Id"], CompromisedCredentialsRiskConfiguration={
        "EventFilter": ["SIGN_IN"], "Actions": {"EventAction": "BLOCK"}})
    described = idp.describe_risk_configuration(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert "ClientId" not in described["RiskConfiguration"]
    assert described["RiskConfiguration"]["CompromisedCredentialsRiskConfiguration"]["Actions"] == \
        {"EventAction": "BLOCK"}


def test_risk_configuration_is_checked(idp, pool):
    notify_without_config = {"Actions": {"LowAction": {"Notify": True, "EventAction": "NO_ACTION"}}}
    assert error_of(idp.set_risk_configuration, UserPoolId=pool["Id"],
                    AccountTakeoverRiskConfiguration=notify_without_config)[0] == \
        "InvalidParameterException"
    assert error_of(idp.set_risk_configuration, UserPoolId=pool["Id"],
                    RiskExceptionConfiguration={"BlockedIPRangeList": ["300.1.2.3/32"]})[0] == \
        "InvalidParameterException"
    assert error_of(idp.describe_risk_configuration, UserPoolId=pool["Id"],
                    ClientId="nosuchclient")[0] == "ResourceNotFoundException"


# -- managed login branding -------------------------------------------------------------------

def _example_branding_settings() -> dict:
    text = (Path(awscli.__file__).parent / "examples" / "cognito-idp" /
            "update-managed-login-branding.rst").read_text()
    body = text.split("Contents of ``update-managed-login-branding.json``::", 1)[1]
    body = body.split("\n\n", 1)[1].split("\nOutput::", 1)[0]
    return json.loads(body)["Settings"]


def test_a_branding_style_belongs_to_a_client_and_keeps_what_an_update_leaves_out(idp, pool):
    client = make_client(idp, pool)
    settings = _example_branding_settings()
    asset = {"Category": "PAGE_FOOTER_BACKGROUND", "ColorMode": "DARK", "Extension": "SVG",
             "Bytes": SVG}
    created = idp.create_managed_login_branding(
        UserPoolId=pool["Id"], ClientId=client["ClientId"], Settings=settings,
        Assets=[asset])["ManagedLoginBranding"]
    branding_id = created["ManagedLoginBrandingId"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
                        branding_id)
    assert created["Settings"] == settings and created["UseCognitoProvidedValues"] is False
    assert created["Assets"][0]["Bytes"] == SVG
    by_client = idp.describe_managed_login_branding_by_client(UserPoolId=pool["Id"],
                                                              ClientId=client["ClientId"])
    assert by_client["ManagedLoginBranding"]["ManagedLoginBrandingId"] == branding_id
    assert error_of(idp.create_managed_login_branding, UserPoolId=pool["Id"],
                    ClientId=client["ClientId"],
                    UseCognitoProvidedValues=True)[0] == "ManagedLoginBrandingExistsException"

    updated = idp.update_managed_login_branding(
        UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id,
        Settings={"categories": {"form": {"displayGraphics": False}}},
        Assets=[{"Category": "FAVICON_ICO", "ColorMode": "LIGHT", "Extension": "ICO",
                 "Bytes": b"\x00\x00\x01\x00rest"}])["ManagedLoginBranding"]
    form = updated["Settings"]["categories"]["form"]
    assert form["displayGraphics"] is False and form["location"] == settings["categories"]["form"]["location"]
    assert {a["Category"] for a in updated["Assets"]} == {"PAGE_FOOTER_BACKGROUND", "FAVICON_ICO"}

    reset = idp.update_managed_login_branding(UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id,
                                              UseCognitoProvidedValues=True)["ManagedLoginBranding"]
    assert reset["UseCognitoProvidedValues"] is True and "Settings" not in reset
    idp.delete_managed_login_branding(UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id)
    assert error_of(idp.describe_managed_login_branding, UserPoolId=pool["Id"],
                    ManagedLoginBrandingId=branding_id)[0] == "ResourceNotFoundException"


def test_branding_assets_must_be_what_they_say(idp, pool):
    client = make_client(idp, pool)
    for asset in ({"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": SVG},
                  {"Category": "FAVICON_ICO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}):
        assert error_of(idp.create_managed_login_branding, UserPoolId=pool["Id"],
                        ClientId=client["ClientId"], Assets=[asset])[0] == "InvalidParameterException"
    assert error_of(idp.create_managed_login_branding, UserPoolId=pool["Id"],
                    ClientId=client["ClientId"], UseCognitoProvidedValues=True,
                    Settings={"x": 1})[0] == "InvalidParameterException"


# -- terms ------------------------------------------------------------------------------------

def test_terms_documents_of_a_client(idp, pool):
    client = make_client(idp, pool)
    links = {"cognito:default": "https://example.com/terms", "cognito:french": "https://example.com/fr"}
    terms = idp.create_terms(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                             TermsName="terms-of-use", TermsSource="LINK", Enforcement="NONE",
                             Links=links)["Terms"]
    assert terms["Links"] == links and terms["ClientId"] == client["ClientId"]
    assert error_of(idp.create_terms, UserPoolId=pool["Id"], ClientId=client["ClientId"],
                    TermsName="terms-of-use", TermsSource="LINK", Enforcement="NONE",
                    Links=links)[0] == "TermsExistsException"
    privacy = idp.create_terms(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                               TermsName="privacy-policy", TermsSource="LINK", Enforcement="NONE",
                               Links={"cognito:default": "https://example.com/privacy"})["Terms"]
    listed = idp.list_terms(UserPoolId=pool["Id"], MaxResults=1)
    assert [t["TermsId"] for t in listed["Terms"]] == [terms["TermsId"]]
    assert set(listed["Terms"][0]) == {"TermsId", "TermsName", "Enforcement", "CreationDate",
                                       "LastModifiedDate"}
    rest = idp.list_terms(UserPoolId=pool["Id"], MaxResults=1, NextToken=listed["NextToken"])
    assert [t["TermsId"] for t in rest["Terms"]] == [privacy["TermsId"]]
    by_client = idp.describe_terms_by_client(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                             TermsName="privacy-policy")
    assert by_client["Terms"] == privacy
    updated = idp.update_terms(UserPoolId=pool["Id"], TermsId=terms["TermsId"],
                               Links={"cognito:default": "https://example.com/terms-v2"})["Terms"]
    assert updated["Links"] == {"cognito:default": "https://example.com/terms-v2"}
    assert error_of(idp.update_terms, UserPoolId=pool["Id"], TermsId=terms["TermsId"],
                    TermsName="privacy-policy")[0] == "TermsExistsException"
    idp.delete_terms(UserPoolId=pool["Id"], TermsId=terms["TermsId"])
    assert error_of(idp.describe_terms, UserPoolId=pool["Id"],
                    TermsId=terms["TermsId"])[0] == "ResourceNotFoundException"


def test_a_deleted_client_takes_its_settings_along(idp, pool):
    client = make_client(idp, pool)
    idp.create_terms(UserPoolId=pool["Id"], ClientId=client["ClientId"], TermsName="terms-of-use",
                     TermsSource="LINK", Enforcement="NONE",
                     Links={"cognito:default": "https://example.com/terms"})
    idp.create_managed_login_branding(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                      UseCognitoProvidedValues=True)
    idp.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert idp.list_terms(UserPoolId=pool["Id"])["Terms"] == []
