// A remembered device with amazon-cognito-identity-js: sign in (answering SMS MFA with the
// code from the dev inbox), let the library confirm its new device, remember it
// (setDeviceStatusRemembered), then sign in again in the same process (the library keeps
// the device key and secret in its memory storage) by DEVICE_SRP_AUTH.
// usage: node device_sign_in.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD
// Prints one JSON line: {"ok": true, "firstMfa", "secondMfa", "deviceKey", "secondDeviceKey",
// "accessToken"} or {"ok": false, "code", "message"}.
const {
  CognitoUserPool, CognitoUser, AuthenticationDetails,
} = require("amazon-cognito-identity-js");

const [endpoint, poolId, clientId, username, password] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint });

async function inboxCode() {
  const url = `${endpoint}/_cfn_cognito/messages?pool=${encodeURIComponent(poolId)}`
    + `&username=${encodeURIComponent(username)}`;
  const messages = (await (await fetch(url)).json()).messages;
  return messages[messages.length - 1].code;
}

function signIn() {
  return new Promise((resolve, reject) => {
    const user = new CognitoUser({ Username: username, Pool: pool });
    const details = new AuthenticationDetails({ Username: username, Password: password });
    let mfaAsked = false;
    user.authenticateUser(details, {
      onSuccess(session) { resolve({ user, session, mfaAsked }); },
      onFailure: reject,
      mfaRequired() {
        mfaAsked = true;
        inboxCode().then((code) => user.sendMFACode(code, this), reject);
      },
    });
  });
}

function remember(user) {
  return new Promise((resolve, reject) => {
    user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject });
  });
}

(async () => {
  try {
    const first = await signIn();
    await remember(first.user);
    const second = await signIn();
    process.stdout.write(JSON.stringify({
      ok: true,
      firstMfa: first.mfaAsked,
      secondMfa: second.mfaAsked,
      deviceKey: first.user.deviceKey,
      secondDeviceKey: second.user.deviceKey,
      accessToken: second.session.getAccessToken().getJwtToken(),
    }) + "\n");
  } catch (err) {
    process.stdout.write(JSON.stringify({ ok: false, code: err.code || err.name,
                                          message: err.message }) + "\n");
  }
})();
