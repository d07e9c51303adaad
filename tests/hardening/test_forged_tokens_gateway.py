"""The forged-token matrix at the local API Gateway: a REST API's COGNITO_USER_POOLS
authorizer (templates/api-rest-cognito.yaml: /me takes ID tokens, /admin access tokens with a
scope) and an HTTP API's JWT authorizer (templates/api-http-jwt.yaml: /me takes either kind
of the pool's client, /admin/... an access token with a scope). None may be accepted."""

from __future__ import annotations

import pytest

from cfn_cognito.idp.issuer import keys
from forged_matrix import Verdict, run_jwt_place
from forgery import Place
from gateway_helpers import TEMPLATES, deploy
from token_scene import Scene


@pytest.fixture(scope="module")
def rest_api(hard_server):
    deployed = deploy(hard_server.url, (TEMPLATES / "api-rest-cognito.yaml").read_text())
    scene = Scene(hard_server, deployed.outputs["UserPoolId"], deployed.outputs["UserPoolClientId"])
    yield deployed, scene
    scene.close()
    deployed.delete()


@pytest.fixture(scope="module")
def http_api(hard_server):
    deployed = deploy(hard_server.url, (TEMPLATES / "api-http-jwt.yaml").read_text())
    outputs = deployed.outputs
    scene = Scene(hard_server, outputs.get("UserPoolId"), outputs.get("UserPoolClientId"))
    yield deployed, scene
    scene.close()
    deployed.delete()


def _gateway_call(http, url: str):
    def call(token: str) -> Verdict:
        r = http.get(url, headers={"Authorization": token}, timeout=30)
        if r.status_code == 200:
            return Verdict(True, 200, r.text[:100])
        assert r.status_code in (401, 403), (r.status_code, r.text[:300])
        return Verdict(False, r.status_code, r.text)
    return call


REST_PLACES = {
    "/me": Place("REST API Cognito authorizer, ID token", keys.ID, bound=True,
                 knows_users=False),
    "/admin": Place("REST API Cognito authorizer, access token with a scope", keys.ACCESS,
                    bound=True, knows_users=False),
}
HTTP_PLACES = {
    ("/me", keys.ACCESS): Place("HTTP API JWT authorizer, access token", keys.ACCESS,
                                bound=True, audience=True, knows_users=False, either_use=True),
    ("/me", keys.ID): Place("HTTP API JWT authorizer, ID token", keys.ID, bound=True,
                            audience=True, knows_users=False, either_use=True),
    ("/admin/x", keys.ACCESS): Place("HTTP API JWT authorizer, access token with a scope",
                                     keys.ACCESS, bound=True, audience=True,
                                     knows_users=False),
}


@pytest.mark.parametrize("path", list(REST_PLACES))
def test_the_rest_cognito_authorizer_refuses_every_forged_token(path, rest_api, http, tally):
    deployed, scene = rest_api
    run_jwt_place(scene, REST_PLACES[path], _gateway_call(http, deployed.stage_url() + path),
                  tally)


@pytest.mark.parametrize("path,use", list(HTTP_PLACES), ids=[f"{p}-{u}" for p, u in HTTP_PLACES])
def test_the_http_jwt_authorizer_refuses_every_forged_token(path, use, http_api, http, tally):
    deployed, scene = http_api
    run_jwt_place(scene, HTTP_PLACES[(path, use)],
                  _gateway_call(http, deployed.stage_url() + path), tally)
