// An admin-created user's first sign-in through Amplify v6: signIn answers
// CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED, confirmSignIn sets the new password.
// usage: node amplify_new_password.js ENDPOINT POOL_ID CLIENT_ID USERNAME TEMP_PASSWORD
//        NEW_PASSWORD
// Prints {"ok": true, "first", "confirmed", "username"} or {"ok": false, "step", "error"}.
const { signIn, confirmSignIn, getCurrentUser } = require("aws-amplify/auth");
const { configure, run } = require("./amplify_client");

const [endpoint, poolId, clientId, username, tempPassword, newPassword] = process.argv.slice(2);
configure(endpoint, poolId, clientId);

run(async (steps) => {
  steps.push("signIn");
  const first = await signIn({ username, password: tempPassword });
  steps.push("confirmSignIn");
  const confirmed = await confirmSignIn({ challengeResponse: newPassword });
  const current = await getCurrentUser();
  return { ok: true, first, confirmed, username: current.username };
});
