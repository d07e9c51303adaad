// Sign in by SRP with amazon-cognito-identity-js (what Amplify uses), against a local endpoint.
// usage: node srp_sign_in.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD [NEW_PASSWORD]
// Prints one JSON line: {"ok": true, "idToken", "accessToken", "refreshToken"} or
// {"ok": false, "code", "message"}.
const {
  CognitoUserPool, CognitoUser, AuthenticationDetails,
} = require("amazon-cognito-identity-js");

const [endpoint, poolId, clientId, username, password, newPassword] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint });
const user = new CognitoUser({ Username: username, Pool: pool });
const details = new AuthenticationDetails({ Username: username, Password: password });

function done(result) {
  process.stdout.write(JSON.stringify(result) + "\n");
}

user.authenticateUser(details, {
  onSuccess(session) {
    done({
      ok: true,
      idToken: session.getIdToken().getJwtToken(),
      accessToken: session.getAccessToken().getJwtToken(),
      refreshToken: session.getRefreshToken().getToken(),
    });
  },
  onFailure(err) {
    done({ ok: false, code: err.code || err.name, message: err.message });
  },
  newPasswordRequired(userAttributes, requiredAttributes) {
    if (!newPassword) {
      done({ ok: false, code: "NewPasswordRequired", message: JSON.stringify(requiredAttributes) });
      return;
    }
    user.completeNewPasswordChallenge(newPassword, {}, this);
  },
});
