"""CDK apps: the templates the real aws-cdk-lib synthesizes (tests/cdk/app.js) deploy
unchanged with `cfn-cognito deploy cdk.out/<Stack>.template.json`, and a signed-in user's
claims reach the functions behind the app's APIs."""

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from gateway_helpers import PASSWORD, sign_in
from hosted_ui_helpers import CALLBACK, Browser, query_of
import prerequisites

APP = Path(__file__).resolve().parents[2] / "cdk"
DOMAIN = "cdk-test-app"
BOOTSTRAP_PARAMETER = "/cdk-bootstrap/hnb659fds/version"


def _install() -> None:
    """aws-cdk-lib and constructs as the app's package-lock pins them (npm ci, redone only
    when the lock changes)."""
    prerequisites.require("node", "npm", why="the CDK tests")
    lock = (APP / "package-lock.json").read_bytes()
    stamp = APP / "node_modules" / ".cfn-cognito-lock"
    with open(APP / ".npm-install.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)     # one install at a time, across processes
        wanted = hashlib.sha256(lock).hexdigest()
        if stamp.exists() and stamp.read_text() == wanted:
            return
        result = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                                cwd=APP, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"npm ci failed:\n{result.stdout}\n{result.stderr}"
        stamp.write_text(wanted)


def synth(out: Path) -> Path:
    """`node app.js`: the app's cloud assembly, written to `out`."""
    env = {**os.environ, "CDK_OUTDIR": str(out), "CDK_DOMAIN_PREFIX": DOMAIN}
    result = subprocess.run(["node", "app.js"], cwd=APP, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def cdk_out(tmp_path_factory):
    _install()
    return synth(tmp_path_factory.mktemp("cdk") / "cdk.out")


def cli(*args: str, endpoint: str):
    environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
    return subprocess.run([sys.executable, "-m", "cfn_cognito", *args, "--endpoint", endpoint],
                          capture_output=True, text=True, env=environ, timeout=300)


def stack_of(url: str, name: str) -> dict:
    return requests.get(f"{url}/_cfn_cognito/stacks/{name}", timeout=10).json()


def events_of(url: str, name: str) -> list[dict]:
    return requests.get(f"{url}/_cfn_cognito/stacks/{name}/events?after=0",
                        timeout=10).json()["StackEvents"]


@pytest.fixture(scope="module")
def app(cognito_url, cdk_out):
    """CognitoApp, deployed from the cloud assembly as the README tells."""
    result = cli("deploy", str(cdk_out / "CognitoApp.template.json"), "--json",
                 endpoint=cognito_url)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    yield {"outputs": {o["OutputKey"]: o["OutputValue"] for o in answer["Outputs"]},
           "answer": answer}
    cli("delete", "--stack-name", "CognitoApp", endpoint=cognito_url)


@pytest.fixture(scope="module")
def user(cognito_url, app):
    """A user signed in with their email (the pool's sign-in alias), in the app's group."""
    username = "ann@example.com"
    tokens = sign_in(cognito_url, app["outputs"]["UserPoolId"],
                     app["outputs"]["UserPoolClientId"], username=username,
                     attributes={"custom:team": "blue"}, groups=("admins",))
    return {**tokens, "Username": username}


def api_url(app, name: str) -> str:
    api = next(a for a in app["answer"]["Apis"] if a["Name"] == name)
    return api["Stages"][0]["Url"].replace("http://localhost:", "http://127.0.0.1:")


def test_the_synthesized_stack_deploys_unchanged(app, cognito_url, cdk_out):
    assert app["answer"]["StackName"] == "CognitoApp"    # from the assembly's manifest
    assert app["answer"]["StackStatus"] == "CREATE_COMPLETE"
    # The template as `cdk synth` wrote it: CDK's parameter, rule, metadata and assets.
    template = json.loads((cdk_out / "CognitoApp.template.json").read_text())
    assert template["Parameters"]["BootstrapVersion"]["Type"] == \
        "AWS::SSM::Parameter::Value<String>"
    assert "CheckBootstrapVersion" in template["Rules"]
    kinds = {r["Type"] for r in template["Resources"].values()}
    assert {"AWS::CDK::Metadata", "AWS::ApiGateway::Account",
            "AWS::ApiGatewayV2::Authorizer"} <= kinds
    stack = stack_of(cognito_url, "CognitoApp")
    shown = {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}
    assert shown == {"BootstrapVersion": BOOTSTRAP_PARAMETER}


def test_the_pool_client_domain_group_and_identity_provider_are_as_the_app_says(app, idp):
    out = app["outputs"]
    pool = idp.describe_user_pool(UserPoolId=out["UserPoolId"])["UserPool"]
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert any(a["Name"] == "custom:team" for a in pool["SchemaAttributes"])
    assert pool["Domain"] == DOMAIN
    client = idp.describe_user_pool_client(UserPoolId=out["UserPoolId"],
                                           ClientId=out["UserPoolClientId"])["UserPoolClient"]
    assert client["AllowedOAuthFlows"] == ["code"] and client["CallbackURLs"] == [CALLBACK]
    assert set(client["SupportedIdentityProviders"]) == {"COGNITO", "Google"}
    group = idp.get_group(UserPoolId=out["UserPoolId"], GroupName="admins")["Group"]
    assert group["Precedence"] == 1
    google = idp.describe_identity_provider(UserPoolId=out["UserPoolId"],
                                            ProviderName="Google")["IdentityProvider"]
    assert google["ProviderDetails"]["client_id"] == "google-client-id"
    assert google["AttributeMapping"]["email"] == "email"


def test_the_rest_api_passes_the_users_claims_to_the_python_asset_and_the_node_function(
        app, user):
    for path, runtime in (("/python", "python"), ("/node", "node")):
        answer = requests.get(api_url(app, "Rest") + path,
                              headers={"Authorization": user["IdToken"]}, timeout=30)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["runtime"] == runtime
        claims = body["authorizer"]["claims"]
        assert claims["cognito:groups"] == "admins" and claims["custom:team"] == "blue"
        assert claims["aud"] == app["outputs"]["UserPoolClientId"]
        refused = requests.get(api_url(app, "Rest") + path, timeout=30)
        assert refused.status_code == 401


def test_the_http_api_authorizes_with_the_pool_and_passes_the_claims(app, user):
    answer = requests.get(api_url(app, "Http") + "/me",
                          headers={"Authorization": user["IdToken"]}, timeout=30)
    assert answer.status_code == 200, answer.text
    claims = answer.json()["authorizer"]["jwt"]["claims"]
    assert claims["cognito:groups"] == "[admins]" and claims["custom:team"] == "blue"
    assert requests.get(api_url(app, "Http") + "/me", timeout=30).status_code == 401


def test_the_hosted_ui_signs_in_on_the_apps_domain(app, user, cognito_server):
    host = f"{DOMAIN}.auth.us-east-1.localhost:{cognito_server.port}"
    client = {"ClientId": app["outputs"]["UserPoolClientId"]}
    browser = Browser(cognito_server.url, host=host)
    page = browser.authorize(client, scope="openid email")
    assert page.status_code == 200, page.text
    answer = browser.submit(page, username=user["Username"], password=PASSWORD)
    assert answer.headers["Location"].startswith(CALLBACK)
    code = query_of(answer.headers["Location"])["code"]
    tokens = requests.post(cognito_server.url + "/oauth2/token", headers={"Host": host}, data={
        "grant_type": "authorization_code", "client_id": client["ClientId"], "code": code,
        "redirect_uri": CALLBACK}, timeout=15)
    assert tokens.status_code == 200, tokens.text


def test_redeploying_an_unchanged_synth_changes_nothing(app, cognito_url, tmp_path):
    before = stack_of(cognito_url, "CognitoApp")
    resynthesized = synth(tmp_path / "cdk.out")     # `cdk synth` again: the same templates
    result = cli("deploy", str(resynthesized / "CognitoApp.template.json"),
                 endpoint=cognito_url)
    assert result.returncode == 0, result.stderr
    assert "No changes to deploy. Stack CognitoApp is up to date" in result.stdout
    after = stack_of(cognito_url, "CognitoApp")
    assert after["StackStatus"] == "CREATE_COMPLETE"
    assert after.get("LastUpdatedTime") == before.get("LastUpdatedTime")
    assert after["Outputs"] == before["Outputs"]


def test_a_missing_asset_is_named_by_its_hash(cognito_url, cdk_out, tmp_path, app):
    assembly = tmp_path / "cdk.out"
    shutil.copytree(cdk_out, assembly)
    template = json.loads((assembly / "CognitoApp.template.json").read_text())
    function = next(r for r in template["Resources"].values()
                    if r["Type"] == "AWS::Lambda::Function" and "S3Key" in r["Properties"]["Code"])
    asset_hash = function["Properties"]["Code"]["S3Key"].removesuffix(".zip")
    shutil.rmtree(assembly / f"asset.{asset_hash}")
    # The function alone, as its own stack: only the asset can fail.
    alone = {"Parameters": template["Parameters"], "Rules": template["Rules"],
             "Resources": {"Fn": {**function, "DependsOn": []}}}
    alone["Resources"]["Fn"]["Properties"]["Role"] = "arn:aws:iam::000000000000:role/fn"
    path = tmp_path / "alone.json"
    path.write_text(json.dumps(alone))
    result = cli("deploy", str(path), "--stack-name", "MissingAsset", "--code-dir",
                 str(assembly), endpoint=cognito_url)
    assert result.returncode == 1
    assert f"CDK asset {asset_hash} is missing" in result.stderr
    assert stack_of(cognito_url, "MissingAsset")["StackStatus"] == "ROLLBACK_COMPLETE"
    cli("delete", "--stack-name", "MissingAsset", endpoint=cognito_url)


def test_an_old_bootstrap_version_fails_the_rule_before_anything_is_made(cognito_url, cdk_out,
                                                                         idp):
    pools = {p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]}
    assert cli("parameter", "put", BOOTSTRAP_PARAMETER, "5", endpoint=cognito_url).returncode == 0
    try:
        result = cli("deploy", str(cdk_out / "RetainApp.template.json"), endpoint=cognito_url)
    finally:
        cli("parameter", "delete", BOOTSTRAP_PARAMETER, endpoint=cognito_url)
    assert result.returncode == 1
    assert "CDK bootstrap stack version 6 required" in result.stderr
    assert {p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]} == pools
    assert "RetainApp" not in cli("stacks", endpoint=cognito_url).stdout


def test_a_pool_with_the_default_removal_policy_outlives_its_stack(cognito_url, cdk_out, idp):
    result = cli("deploy", str(cdk_out / "RetainApp.template.json"), "--json",
                 endpoint=cognito_url)
    assert result.returncode == 0, result.stderr
    pool_id = json.loads(result.stdout)["Outputs"][0]["OutputValue"]
    assert cli("delete", "--stack-name", "RetainApp", endpoint=cognito_url).returncode == 0
    skipped = [e for e in events_of(cognito_url, "RetainApp")
               if e["ResourceStatus"] == "DELETE_SKIPPED"]
    assert [e["ResourceType"] for e in skipped] == ["AWS::Cognito::UserPool"]
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Name"] == "kept-by-retain"
    idp.delete_user_pool(UserPoolId=pool_id)


def test_cdk_custom_resources_are_refused_by_name(cognito_url, cdk_out):
    result = cli("deploy", str(cdk_out / "CustomApp.template.json"), endpoint=cognito_url)
    assert result.returncode == 1
    assert "is a custom resource (Custom::AWS), which cfn-cognito does not run" in result.stderr
    assert "CustomApp" not in cli("stacks", endpoint=cognito_url).stdout


def test_deleting_the_stack_removes_the_pool_and_keeps_what_the_cdk_retains(app, cognito_url,
                                                                             idp):
    pool_id = app["outputs"]["UserPoolId"]
    result = cli("delete", "--stack-name", "CognitoApp", endpoint=cognito_url)
    assert result.returncode == 0, result.stderr
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_user_pool(UserPoolId=pool_id)     # RemovalPolicy.DESTROY
    skipped = {e["ResourceType"] for e in events_of(cognito_url, "CognitoApp")
               if e["ResourceStatus"] == "DELETE_SKIPPED"}
    # The RestApi's CloudWatch role and account setting carry DeletionPolicy Retain.
    assert skipped == {"AWS::IAM::Role", "AWS::ApiGateway::Account"}
