// Amplify v6's forgotten-password path: resetPassword, the code from the dev inbox,
// confirmResetPassword, then signIn with the new password (and the old one refused).
// usage: node amplify_reset_password.js ENDPOINT POOL_ID CLIENT_ID USERNAME EMAIL OLD_PASSWORD
//        NEW_PASSWORD
// Prints {"ok": true, "reset", "oldPassword", "signIn"} or {"ok": false, "step", "error"}.
const { resetPassword, confirmResetPassword, signIn } = require("aws-amplify/auth");
const { configure, attempt, latestCode, run } = require("./amplify_client");

const [endpoint, poolId, clientId, username, email, oldPassword, newPassword] =
  process.argv.slice(2);
configure(endpoint, poolId, clientId);

run(async (steps) => {
  steps.push("resetPassword");
  const reset = await resetPassword({ username });
  steps.push("confirmResetPassword");
  const code = await latestCode(endpoint, poolId, email, "ForgotPassword");
  const wrongCode = await attempt(() => confirmResetPassword({
    username, newPassword, confirmationCode: code === "000000" ? "111111" : "000000",
  }));
  await confirmResetPassword({ username, newPassword, confirmationCode: code });
  steps.push("signIn");
  const oldPasswordRefused = await attempt(() => signIn({ username, password: oldPassword }));
  const signedIn = await signIn({ username, password: newPassword });
  return { ok: true, reset, wrongCode, oldPassword: oldPasswordRefused, signIn: signedIn };
});
