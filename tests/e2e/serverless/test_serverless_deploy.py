"""`serverless deploy | info | remove --stage local` with serverless-cfn-cognito, driven
through the real CLIs (serverless 3 and osls 4, from npm) against a cfn-cognito service, with
fake or no AWS credentials and no network beyond loopback. The service here has no http
events: a user pool with a Python PreSignUp trigger and a Node PreTokenGeneration trigger."""

import boto3
import jwt
import pytest

from cfn_cognito.testing import LocalCognito
from serverless_helpers import install, make_service, run_cli

PASSWORD = "Corr3ct-Horse!"


@pytest.fixture(scope="module")
def server():
    """A service of its own: pools are found by name here, and these stacks have fixed ones."""
    with LocalCognito() as running:
        yield running


def idp_client(url):
    return boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1")


def outputs_in(text: str) -> dict:
    """The `stack outputs:` section Serverless printed, as {key: value}."""
    lines = text.splitlines()
    start = lines.index("stack outputs:") + 1
    found = {}
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        key, _, value = line.strip().partition(": ")
        found[key] = value
    return found


@pytest.mark.parametrize("cli, credentials", [("serverless3", True), ("osls4", False)],
                         ids=["serverless3-fake-credentials", "osls4-no-credentials"])
def test_deploy_sign_up_info_and_remove(cli, credentials, server, tmp_path):
    install(cli)
    service = make_service("pool-trigger", cli, tmp_path)
    idp = idp_client(server.url)

    def sls(*args):
        run = run_cli(cli, service, *args, "--stage", "local", endpoint=server.url,
                      credentials=credentials)
        assert run.outside_loopback == [], run.output
        return run

    try:
        deployed = sls("deploy")
        assert deployed.returncode == 0, deployed.output
        assert f"Deploying stack pool-trigger-local to cfn-cognito at {server.url}" \
            in deployed.output
        assert "CREATE_COMPLETE" in deployed.output and "AWS::Cognito::UserPool" in deployed.output
        assert "Service deployed to stack pool-trigger-local" in deployed.output
        outputs = outputs_in(deployed.output)
        assert outputs["AccountId"] == "000000000000"
        pool_id, client_id = outputs["UserPoolId"], outputs["UserPoolClientId"]
        assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Name"] == "ExamplePool"

        # The Python trigger confirms the user; the Node one adds a claim to the ID token.
        signed = idp.sign_up(ClientId=client_id, Username="jane@example.com", Password=PASSWORD)
        assert signed["UserConfirmed"] is True
        tokens = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": "jane@example.com",
                                                   "PASSWORD": PASSWORD})["AuthenticationResult"]
        claims = jwt.decode(tokens["IdToken"], options={"verify_signature": False})
        assert claims["team"] == "local-team"

        info = sls("info")
        assert info.returncode == 0, info.output
        for line in ("service: pool-trigger", "stage: local", "stack: pool-trigger-local",
                     "  autoConfirm: pool-trigger-local-autoConfirm",
                     f"  UserPoolId: {pool_id}", f"cfn-cognito: {server.url}"):
            assert line in info.output.splitlines(), info.output

        # A second deploy updates the stack in place: same pool, same users.
        again = sls("deploy")
        assert again.returncode == 0, again.output
        assert outputs_in(again.output)["UserPoolId"] == pool_id
        assert idp.admin_get_user(UserPoolId=pool_id, Username="jane@example.com")
    finally:
        removed = sls("remove")
    assert removed.returncode == 0, removed.output
    assert "DELETE_COMPLETE" in removed.output
    assert "Service pool-trigger has been successfully removed" in removed.output
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_user_pool(UserPoolId=pool_id)


def test_deploy_function_is_refused_clearly(server, tmp_path):
    install("serverless3")
    service = make_service("pool-trigger", "serverless3", tmp_path)
    run = run_cli("serverless3", service, "deploy", "function", "--function", "autoConfirm",
                  "--stage", "local", endpoint=server.url)
    assert run.returncode == 1
    assert "`serverless deploy function` is not supported at stage local: cfn-cognito deploys " \
           "whole stacks. Run `serverless deploy --stage local` instead" in run.output
    assert run.outside_loopback == []


def test_without_a_service_deploy_says_where_it_looked(tmp_path):
    install("osls4")
    service = make_service("pool-trigger", "osls4", tmp_path)
    run = run_cli("osls4", service, "deploy", "--stage", "local",
                  endpoint="http://127.0.0.1:9")
    assert run.returncode == 1
    assert "no cfn-cognito service answers at http://127.0.0.1:9 (ECONNREFUSED)" in run.output
    assert "custom.cfnCognito.endpoint or CFN_COGNITO_ENDPOINT" in run.output
    assert run.outside_loopback == []
