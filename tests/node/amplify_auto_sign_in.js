// Amplify v6's signUp with autoSignIn: confirmSignUp answers COMPLETE_AUTO_SIGN_IN and
// autoSignIn signs the user in; then deleteUser removes the account, and signing in again
// is refused.
// usage: node amplify_auto_sign_in.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD EMAIL [FLOW]
// FLOW USER_AUTH: autoSignIn signs in with the Session ConfirmSignUp answered with.
// Prints {"ok": true, "signUp", "confirmSignUp", "autoSignIn", "username", "afterDelete"}.
const auth = require("aws-amplify/auth");
// Not destructured: signUp swaps in the autoSignIn function when it starts the flow, and a
// CommonJS import sees the swap only through the module object (ES modules' live binding).
const { signUp, confirmSignUp, getCurrentUser, deleteUser, signIn } = auth;
const { configure, attempt, latestCode, run } = require("./amplify_client");

const [endpoint, poolId, clientId, username, password, email, flow] = process.argv.slice(2);
configure(endpoint, poolId, clientId);

run(async (steps) => {
  steps.push("signUp");
  const signedUp = await signUp({
    username, password,
    options: { userAttributes: { email }, autoSignIn: flow ? { authFlowType: flow } : true },
  });
  steps.push("confirmSignUp");
  const code = await latestCode(endpoint, poolId, email, "SignUp");
  const confirmed = await confirmSignUp({ username, confirmationCode: code });
  steps.push("autoSignIn");
  const signedIn = await auth.autoSignIn();
  const current = await getCurrentUser();
  steps.push("deleteUser");
  await deleteUser();
  const currentAfterDelete = await attempt(getCurrentUser);
  const afterDelete = await attempt(() => signIn({ username, password }));
  return {
    ok: true,
    signUp: signedUp,
    confirmSignUp: confirmed,
    autoSignIn: signedIn,
    username: current.username,
    currentAfterDelete,
    afterDelete,
  };
});
