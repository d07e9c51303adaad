"""The seed's service through `serverless deploy --stage local` (serverless 3 and osls 4 from
npm, fake or no AWS credentials, no network beyond loopback): an http endpoint behind
`authorizer: arn: ...:userpool/ExampleUserPool` (the pool named by its name) and the
`UserPool` resource. The endpoint refuses a request without a token and answers one carrying
an ID token from the deployed pool; `info` prints the endpoint; `remove` deletes the pool.
The same service with a Python handler works too."""

import re

import boto3
import pytest
import requests

from cfn_cognito.testing import LocalCognito
from serverless_helpers import install, make_service, run_cli

PASSWORD = "Corr3ct-Horse!"
ENDPOINT_LINE = re.compile(r"^endpoint: GET - (http://\S+/v1/request)$", re.M)


@pytest.fixture(scope="module")
def server():
    """A service of its own: the authorizer finds its pool by name (ExampleUserPool)."""
    with LocalCognito() as running:
        yield running


def example_pools(idp) -> list[str]:
    pages = idp.get_paginator("list_user_pools").paginate(MaxResults=60)
    return [p["Id"] for page in pages for p in page["UserPools"] if p["Name"] == "ExampleUserPool"]


def id_token(idp, pool_id: str) -> str:
    """Sign up and confirm a user in the pool, through an app client made for the purpose
    (the seed declares none), and sign in: the user's ID token."""
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="walkthrough",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    idp.sign_up(ClientId=client_id, Username="jane", Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": "jane@example.com"}])
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="jane")
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": "jane", "PASSWORD": PASSWORD},
                             )["AuthenticationResult"]["IdToken"]


@pytest.mark.parametrize("cli, fixture, credentials, runtime", [
    ("serverless3", "seed", True, "node"),
    ("osls4", "seed", False, "node"),
    ("osls4", "seed-python", True, "python"),
], ids=["serverless3-node", "osls4-node-no-credentials", "osls4-python"])
def test_the_seed_deploys_and_its_endpoint_wants_an_id_token(cli, fixture, credentials, runtime,
                                                             server, tmp_path):
    install(cli)
    service = make_service(fixture, cli, tmp_path)
    idp = boto3.client("cognito-idp", endpoint_url=server.url, region_name="us-east-1")
    stack = "test-local" if fixture == "seed" else "test-python-local"

    def sls(*args):
        run = run_cli(cli, service, *args, "--stage", "local", endpoint=server.url,
                      credentials=credentials)
        assert run.outside_loopback == [], run.output
        return run

    try:
        deployed = sls("deploy")
        assert deployed.returncode == 0, deployed.output
        assert f"Service deployed to stack {stack}" in deployed.output
        # The authorizer's logical id has a `/` in it, as Serverless writes it.
        assert "Userpool/ExampleUserPoolApiGatewayAuthorizer" in deployed.output
        found = ENDPOINT_LINE.search(deployed.output)
        assert found, deployed.output
        url = found.group(1)
        assert "/_user_request_/v1/request" in url

        [pool_id] = example_pools(idp)
        refused = requests.get(url, timeout=30)
        assert refused.status_code == 401
        assert refused.json() == {"message": "Unauthorized"}

        answered = requests.get(url, headers={"Authorization": id_token(idp, pool_id)},
                                timeout=60)
        assert answered.status_code == 200, answered.text
        assert answered.json()["runtime"] == runtime
        assert answered.json()["user"] == "jane"

        info = sls("info")
        assert info.returncode == 0, info.output
        assert f"endpoint: GET - {url}" in info.output.splitlines()
        assert f"stack: {stack}" in info.output.splitlines()
    finally:
        removed = sls("remove")
    assert removed.returncode == 0, removed.output
    assert f"Stack {stack}: DELETE_COMPLETE" in removed.output
    assert example_pools(idp) == []
    assert requests.get(url, timeout=30).status_code != 200
