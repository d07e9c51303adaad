"""The forged-token matrix at every place of the service that takes a token: the API's token
operations, /oauth2/userInfo (at the service and on a pool's domain), the refresh flows
(InitiateAuth, AdminInitiateAuth, GetTokensFromRefreshToken, /oauth2/token) and revocation
(RevokeToken, /oauth2/revoke). See forgery.py for the forgeries; none may be accepted."""

from __future__ import annotations

import hardening_wire as wire
import pytest
from forged_matrix import Verdict, run_jwt_place, run_refresh_place
from forgery import Place
from token_scene import PASSWORD, Scene

from cfn_cognito.idp.issuer import keys

# Token operations, with the rest of a request that would work with a genuine token.
TOKEN_OPERATIONS = {
    "GetUser": {},
    "GetUserAuthFactors": {},
    "UpdateUserAttributes": {"UserAttributes": [{"Name": "name", "Value": "Mallory"}]},
    "DeleteUserAttributes": {"UserAttributeNames": ["name"]},
    "GetUserAttributeVerificationCode": {"AttributeName": "email"},
    "VerifyUserAttribute": {"AttributeName": "email", "Code": "123456"},
    "ChangePassword": {"PreviousPassword": PASSWORD, "ProposedPassword": "Changed-Passw0rd!"},
    "AssociateSoftwareToken": {},
    "VerifySoftwareToken": {"UserCode": "123456"},
    "SetUserMFAPreference": {"SoftwareTokenMfaSettings": {"Enabled": False}},
    "SetUserSettings": {"MFAOptions": []},
    "ConfirmDevice": {"DeviceKey": "us-east-1_00000000-0000-4000-8000-000000000000"},
    "GetDevice": {"DeviceKey": "us-east-1_00000000-0000-4000-8000-000000000000"},
    "ListDevices": {},
    "UpdateDeviceStatus": {"DeviceKey": "us-east-1_00000000-0000-4000-8000-000000000000",
                           "DeviceRememberedStatus": "remembered"},
    "ForgetDevice": {"DeviceKey": "us-east-1_00000000-0000-4000-8000-000000000000"},
    "GlobalSignOut": {},
    "ListUserSessions": {},
    "RevokeUserSession": {"SessionId": "tkn" + "a" * 25},
    "StartWebAuthnRegistration": {},
    "CompleteWebAuthnRegistration": {"Credential": {"id": "AAAA"}},
    "ListWebAuthnCredentials": {},
    "DeleteWebAuthnCredential": {"CredentialId": "AAAA"},
    "DeleteUser": {},
}
# What a refusal of the token itself looks like (anything else got past the token check).
TOKEN_REFUSALS = {"NotAuthorizedException", "UserNotFoundException"}


@pytest.fixture(scope="module")
def scene(hard_server):
    made = Scene(hard_server)
    yield made
    made.close()


def api_verdict(answer: wire.Answer) -> Verdict:
    if answer.status == 200:
        return Verdict(True, 200, "answered 200")
    wire.assert_aws_error(answer)
    kind = answer.error_type
    refused = kind in TOKEN_REFUSALS or (kind == "InvalidParameterException"
                                          and "validation error" in answer.message)
    return Verdict(not refused, answer.status, f"{kind}: {answer.message}")


def test_the_token_operations_cover_every_implemented_one():
    from botocore import xform_name

    from cfn_cognito.idp import operations
    from cfn_cognito.spec import model

    service = model.botocore_service_model("cognito-idp")
    taking = {op for op in service.operation_names
              if "AccessToken" in (service.operation_model(op).input_shape.members or {})
              and hasattr(operations, xform_name(op))}
    assert taking == set(TOKEN_OPERATIONS)


@pytest.mark.parametrize("operation", list(TOKEN_OPERATIONS))
def test_token_operations_refuse_every_forged_access_token(operation, scene, http, tally):
    def call(token: str) -> Verdict:
        body = {"AccessToken": token, **TOKEN_OPERATIONS[operation]}
        return api_verdict(wire.call(http, scene.url, "cognito-idp", operation, body))

    run_jwt_place(scene, Place(operation, keys.ACCESS), call, tally)


def _userinfo(http, scene, host: str | None):
    def call(token: str) -> Verdict:
        headers = {"Authorization": f"Bearer {token}"}
        if host:
            headers["Host"] = host
        r = http.get(scene.url + "/oauth2/userInfo", headers=headers, timeout=30)
        if r.status_code == 200:
            return Verdict(True, 200, r.text)
        assert r.status_code in (400, 401), (r.status_code, r.text[:300])
        return Verdict(False, r.status_code, r.text)
    return call


def test_userinfo_refuses_every_forged_access_token(scene, http, tally):
    run_jwt_place(scene, Place("/oauth2/userInfo", keys.ACCESS), _userinfo(http, scene, None),
                  tally)


def test_userinfo_on_a_pools_domain_takes_only_that_pools_tokens(scene, http, tally):
    host = f"{scene.domain}.auth.us-east-1.localhost:{scene.server.port}"
    run_jwt_place(scene, Place("/oauth2/userInfo on a domain", keys.ACCESS, bound=True),
                  _userinfo(http, scene, host), tally)


REFRESH_PLACES = {
    "InitiateAuth": lambda s, t: ("InitiateAuth", {
        "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": s.client_id,
        "AuthParameters": {"REFRESH_TOKEN": t}}),
    "AdminInitiateAuth": lambda s, t: ("AdminInitiateAuth", {
        "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": s.client_id, "UserPoolId": s.pool_id,
        "AuthParameters": {"REFRESH_TOKEN": t}}),
    "GetTokensFromRefreshToken": lambda s, t: ("GetTokensFromRefreshToken", {
        "ClientId": s.client_id, "RefreshToken": t}),
}


@pytest.mark.parametrize("place", list(REFRESH_PLACES))
def test_refresh_flows_refuse_every_forged_refresh_token(place, scene, http, tally):
    def call(token: str) -> Verdict:
        operation, body = REFRESH_PLACES[place](scene, token)
        return api_verdict(wire.call(http, scene.url, "cognito-idp", operation, body))

    run_refresh_place(scene, Place(place, "refresh"), call, tally)


def test_the_token_endpoint_refuses_every_forged_refresh_token(scene, http, tally):
    def call(token: str) -> Verdict:
        r = http.post(scene.url + "/oauth2/token", timeout=30, data={
            "grant_type": "refresh_token", "client_id": scene.client_id, "refresh_token": token})
        if r.status_code == 200:
            return Verdict(True, 200, r.text[:100])
        assert r.status_code in (400, 401), (r.status_code, r.text[:300])
        assert r.json()["error"] in ("invalid_grant", "invalid_request"), r.text
        return Verdict(False, r.status_code, r.text)

    run_refresh_place(scene, Place("/oauth2/token", "refresh"), call, tally)


def test_revocation_revokes_nothing_with_a_forged_token(scene, http, tally):
    def revoke_token(token: str) -> Verdict:
        answer = wire.call(http, scene.url, "cognito-idp", "RevokeToken",
                           {"Token": token, "ClientId": scene.client_id})
        if answer.status != 200:
            wire.assert_aws_error(answer)
        return Verdict(False, answer.status, answer.message)

    def oauth2_revoke(token: str) -> Verdict:
        r = http.post(scene.url + "/oauth2/revoke", timeout=30,
                      data={"token": token, "client_id": scene.client_id})
        assert r.status_code in (200, 400, 401), (r.status_code, r.text[:300])
        return Verdict(False, r.status_code, r.text)

    run_refresh_place(scene, Place("RevokeToken", "refresh"), revoke_token, tally,
                      judge_by_victim=True)
    run_refresh_place(scene, Place("/oauth2/revoke", "refresh"), oauth2_revoke, tally,
                      judge_by_victim=True)
