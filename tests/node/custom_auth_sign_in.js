// Sign in with CUSTOM_AUTH by amazon-cognito-identity-js (what Amplify uses): SRP first
// (CHALLENGE_NAME=SRP_A), then custom challenges answered with ANSWER.
// usage: node custom_auth_sign_in.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD ANSWER
// Prints one JSON line: {"ok": true, "idToken", "challenges": [public parameters seen]} or
// {"ok": false, "code", "message"}.
const {
  CognitoUserPool, CognitoUser, AuthenticationDetails,
} = require("amazon-cognito-identity-js");

const [endpoint, poolId, clientId, username, password, answer] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint });
const user = new CognitoUser({ Username: username, Pool: pool });
user.setAuthenticationFlowType("CUSTOM_AUTH");
const challenges = [];

function done(result) {
  process.stdout.write(JSON.stringify(result) + "\n");
}

user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
  onSuccess(session) {
    done({ ok: true, idToken: session.getIdToken().getJwtToken(), challenges });
  },
  onFailure(err) {
    done({ ok: false, code: err.code || err.name, message: err.message });
  },
  customChallenge(parameters) {
    challenges.push(parameters);
    user.sendCustomChallengeAnswer(answer, this);
  },
});
