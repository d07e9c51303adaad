"""The triggers of a sign-in on the hosted UI: PreAuthentication and UserMigration behind the
sign-in form, PostAuthentication before the app is answered, PreTokenGeneration with the
TokenGeneration_HostedAuth source for the code and implicit grants."""

from hosted_ui_helpers import CALLBACK, Browser, fragment_of, oauth_client, query_of, token

from trigger_helpers import (  # noqa: F401
    PASSWORD,
    claims,
    confirmed_user,
    functions,
    trigger_pool,
)

RECORD_AND_TAG = """
from record import record

def handler(event, context):
    record(event)
    if event["triggerSource"].startswith("TokenGeneration"):
        event["response"]["claimsOverrideDetails"] = {
            "claimsToAddOrOverride": {"signed_in_on": "hosted-ui"}}
    return event
"""


def test_code_grant_sign_in_runs_the_sign_in_triggers(cognito_url, idp, functions,
                                                       trigger_pool):
    arn = functions.python(RECORD_AND_TAG)
    pool = trigger_pool({"PreAuthentication": arn, "PostAuthentication": arn,
                         "PreTokenGeneration": arn})
    client = oauth_client(idp, pool)
    confirmed_user(idp, pool, email="alice@example.com")

    answer = Browser(cognito_url).sign_in(client, scope="openid email")
    code = query_of(answer.headers["Location"])["code"]
    tokens = token(cognito_url, grant_type="authorization_code", client_id=client["ClientId"],
                   code=code, redirect_uri=CALLBACK).json()

    assert claims(tokens["id_token"])["signed_in_on"] == "hosted-ui"
    assert [e["triggerSource"] for e in functions.events()] == [
        "PreAuthentication_Authentication", "PostAuthentication_Authentication",
        "TokenGeneration_HostedAuth"]
    assert functions.event("TokenGeneration_HostedAuth")["request"]["groupConfiguration"] == {
        "groupsToOverride": [], "iamRolesToOverride": [], "preferredRole": None}


def test_a_post_authentication_refusal_is_shown_on_the_sign_in_page(
        cognito_url, idp, functions, trigger_pool):
    pool = trigger_pool({"PostAuthentication": functions.python(
        "def handler(event, context):\n    raise Exception('Account under review')\n")})
    client = oauth_client(idp, pool)
    confirmed_user(idp, pool)

    page = Browser(cognito_url).sign_in(client)

    assert page.status_code == 400
    assert "PostAuthentication failed with error Account under review." in page.text


def test_an_implicit_grant_refused_by_pre_token_generation_goes_back_to_the_app(
        cognito_url, idp, functions, trigger_pool):
    pool = trigger_pool({"PreTokenGeneration": functions.python(
        "def handler(event, context):\n    raise Exception('no tokens today')\n")})
    client = oauth_client(idp, pool)
    confirmed_user(idp, pool)

    answer = Browser(cognito_url).sign_in(client, response_type="token", state="s1")

    assert answer.status_code == 302 and answer.headers["Location"].startswith(CALLBACK + "#")
    assert fragment_of(answer.headers["Location"]) == {
        "error": "invalid_request",
        "error_description": "PreTokenGeneration failed with error no tokens today.",
        "state": "s1"}


def test_the_sign_in_form_migrates_users(cognito_url, idp, functions, trigger_pool):
    pool = trigger_pool({"UserMigration": functions.python("""
        def handler(event, context):
            if event["request"]["password"] != "old-secret":
                raise Exception("Bad password")
            event["response"]["userAttributes"] = {"email": "max@old.example",
                                                   "email_verified": "true"}
            event["response"]["messageAction"] = "SUPPRESS"
            return event
    """)})
    client = oauth_client(idp, pool)

    answer = Browser(cognito_url).sign_in(client, "max", "old-secret")

    assert "code" in query_of(answer.headers["Location"])
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="max")["UserStatus"] == \
        "CONFIRMED"
