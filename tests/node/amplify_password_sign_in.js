// Amplify v6 signIn with an existing user: the USER_PASSWORD_AUTH flow, then a wrong password
// by both flows (SRP and USER_PASSWORD_AUTH), then an unknown user.
// usage: node amplify_password_sign_in.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD
// Prints {"ok": true, "signIn", "flow", "username", "wrongSrp", "wrongPassword", "unknown"}.
const {
  signIn, signOut, getCurrentUser, fetchAuthSession,
} = require("aws-amplify/auth");
const { configure, attempt, run } = require("./amplify_client");

const [endpoint, poolId, clientId, username, password] = process.argv.slice(2);
configure(endpoint, poolId, clientId);
const PASSWORD_FLOW = { authFlowType: "USER_PASSWORD_AUTH" };

run(async (steps) => {
  steps.push("signIn USER_PASSWORD_AUTH");
  const signedIn = await signIn({ username, password, options: PASSWORD_FLOW });
  const current = await getCurrentUser();
  const session = await fetchAuthSession();
  await signOut();
  steps.push("wrong passwords");
  const wrong = `${password}-wrong`;
  return {
    ok: true,
    signIn: signedIn,
    flow: current.signInDetails.authFlowType,
    username: session.tokens.idToken.payload["cognito:username"],
    wrongSrp: await attempt(() => signIn({ username, password: wrong })),
    wrongPassword: await attempt(() => signIn({
      username, password: wrong, options: PASSWORD_FLOW,
    })),
    unknown: await attempt(() => signIn({ username: "nobody-here", password })),
  };
});
