"""The local API Gateway and the developer console over https: a REST API secured by the
pool (templates/api-rest-cognito.yaml) answers at its https stage URL, by path and by Host
(`{apiId}.execute-api.localhost`), and its authorizer takes tokens of the https issuer."""

import requests

from gateway_helpers import TEMPLATES, deploy, sign_in
from https_helpers import ca_env, https_server  # noqa: F401 (https_server: a fixture)


def test_a_cognito_secured_api_over_https(https_server):
    bundle = ca_env(https_server.data_dir)["REQUESTS_CA_BUNDLE"]
    api = deploy(https_server.url, (TEMPLATES / "api-rest-cognito.yaml").read_text())
    try:
        base = api.stage_url()
        assert base.startswith(f"{https_server.https_url}/restapis/")
        tokens = sign_in(https_server.url, api.outputs["UserPoolId"],
                         api.outputs["UserPoolClientId"])

        refused = requests.get(base + "/me", verify=bundle, timeout=30)
        assert refused.status_code == 401
        answer = requests.get(base + "/me", verify=bundle, timeout=30,
                              headers={"Authorization": tokens["IdToken"]})
        assert answer.status_code == 200, answer.text
        event = answer.json()
        assert event["headers"]["X-Forwarded-Proto"] == "https"
        claims = event["requestContext"]["authorizer"]["claims"]
        assert claims["iss"] == f"{https_server.https_url}/{api.outputs['UserPoolId']}"

        # The Host form, as a browser sends it (Python's resolver does not map *.localhost).
        host = f"{api.outputs['ApiId']}.execute-api.localhost:{https_server.https_port}"
        by_host = requests.get(f"https://127.0.0.1:{https_server.https_port}/dev/hello",
                               headers={"Host": host}, verify=bundle, timeout=30)
        assert by_host.status_code == 200, by_host.text
        context = by_host.json()["requestContext"]
        assert (context["apiId"], context["resourcePath"]) == (api.outputs["ApiId"], "/hello")
    finally:
        api.delete()


def test_the_console_over_https(https_server):
    bundle = ca_env(https_server.data_dir)["REQUESTS_CA_BUNDLE"]
    page = requests.get(https_server.https_url + "/_cfn_cognito/", verify=bundle, timeout=15)
    assert page.status_code == 200
    assert https_server.https_url in page.text
