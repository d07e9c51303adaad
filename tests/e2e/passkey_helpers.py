"""What the passkey tests share: Debian's Chromium through Playwright, and a tab with a CDP
virtual authenticator at the origin under test."""

import shutil

import pytest

from signin_helpers import make_user

# The browser side: JSON options in, JSON credential out (WebAuthn Level 3's toJSON forms).
CEREMONY_JS = """async ([kind, options, rpOverride]) => {
  if (kind === 'create') {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options);
    if (rpOverride) publicKey.rp.id = rpOverride;
    return (await navigator.credentials.create({publicKey})).toJSON();
  }
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options);
  if (rpOverride) publicKey.rpId = rpOverride;
  return (await navigator.credentials.get({publicKey})).toJSON();
}"""


@pytest.fixture(scope="module")
def chromium():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is required for the browser tests")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


class Device:
    """A browser tab at `origin` with a virtual platform authenticator (user verifying)."""

    def __init__(self, chromium, origin, page_path="/app"):
        self.context = chromium.new_context()
        self.page = self.context.new_page()
        # Only the page itself is the test's: other requests to the origin (the service's
        # API, when the page is on the service's origin) go through.
        self.page.route(origin + page_path, lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>app</title>"))
        self.page.goto(origin + page_path)
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("WebAuthn.enable")
        self.authenticator = self.cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
            "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
            "hasUserVerification": True, "isUserVerified": True,
            "automaticPresenceSimulation": True}})["authenticatorId"]

    def create(self, options, rp_id=None):
        return self.page.evaluate(CEREMONY_JS, ["create", options, rp_id])

    def get(self, options, rp_id=None):
        return self.page.evaluate(CEREMONY_JS, ["get", options, rp_id])

    def credentials(self):
        return self.cdp.send("WebAuthn.getCredentials",
                             {"authenticatorId": self.authenticator})["credentials"]

    def set_counter(self, credential, sign_count):
        """Put the authenticator's credential back at an earlier counter, as a clone made
        before the last sign-in would be."""
        self.cdp.send("WebAuthn.removeCredential", {
            "authenticatorId": self.authenticator, "credentialId": credential["credentialId"]})
        self.cdp.send("WebAuthn.addCredential", {"authenticatorId": self.authenticator,
                                                 "credential": {**credential,
                                                                "signCount": sign_count}})

    def close(self):
        self.context.close()


@pytest.fixture
def passkey_pool(idp, pool):
    """The pool with passkeys as a first factor, RP ID localhost, user verification required,
    an app client allowing USER_AUTH, and alice with a password."""
    idp.update_user_pool(UserPoolId=pool["Id"], Policies={
        "PasswordPolicy": pool["Policies"]["PasswordPolicy"],
        "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}})
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OFF",
                                 WebAuthnConfiguration={"RelyingPartyId": "localhost",
                                                        "UserVerification": "required"})
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH",
                           "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    make_user(idp, pool, email="alice@example.com")
    return pool, client
