"""Amplify v6 passkeys in a real browser: an app page on the service's origin (localhost, the
pool's RP ID) runs Amplify (bundled by esbuild) in headless Chromium with a virtual
authenticator; associateWebAuthnCredential registers a passkey and signIn with
preferredChallenge WEB_AUTHN signs in with it."""

import pytest

from node_scripts import bundle, js_clients  # noqa: F401 (a fixture)
from passkey_helpers import Device, chromium, passkey_pool  # noqa: F401 (fixtures)
from signin_helpers import PASSWORD


@pytest.fixture(scope="module")
def amplify_bundle(js_clients):  # noqa: F811 (the fixture)
    return bundle("amplify_passkeys_browser.js")


def test_amplify_registers_a_passkey_and_signs_in(cognito_url, chromium, idp,  # noqa: F811
                                                  passkey_pool, amplify_bundle):  # noqa: F811
    pool, client = passkey_pool
    origin = "http://localhost:" + cognito_url.rsplit(":", 1)[1]
    device = Device(chromium, origin, page_path="/amplify-app")
    try:
        device.page.add_script_tag(content=amplify_bundle)
        device.page.evaluate("([e, p, c]) => window.amplifyPasskeys.configure(e, p, c)",
                             [origin, pool["Id"], client["ClientId"]])
        registered = device.page.evaluate(
            "([u, p]) => window.amplifyPasskeys.register(u, p)", ["alice", PASSWORD])
        assert registered["passwordSignIn"]["ok"], registered
        assert registered["associated"]["ok"], registered["associated"]
        credentials = registered["listed"]["value"]["credentials"]
        assert len(credentials) == 1 and credentials[0]["relyingPartyId"] == "localhost"
        assert len(device.credentials()) == 1

        signed_in = device.page.evaluate("(u) => window.amplifyPasskeys.signInWithPasskey(u)",
                                         "alice")
        assert signed_in["signedIn"] == {"ok": True, "value": {
            "isSignedIn": True, "nextStep": {"signInStep": "DONE"}}}, signed_in
        assert signed_in["user"]["value"]["username"] == "alice"
        assert signed_in["session"]["value"] == {"hasAccessToken": True}
        # The service saw the passkey used: the authenticator's counter moved past zero.
        assert device.credentials()[0]["signCount"] >= 1
    finally:
        device.close()
