// Amplify v6 choice-based sign-in (authFlowType USER_AUTH): a code by email as the preferred
// challenge, confirmed with the code from the inbox; then, with no preference, the choice
// of first factor (PASSWORD_SRP) and the password.
// usage: node amplify_user_auth.js ENDPOINT POOL_ID CLIENT_ID USERNAME EMAIL PASSWORD
// Prints {"ok": true, "emailStep", "wrongCode", "confirmed", "flow", "username", "user",
//         "choice", "passwordStep", "passwordDone", "srpUsername"}.
const {
  signIn, confirmSignIn, signOut, getCurrentUser, fetchAuthSession,
} = require("aws-amplify/auth");
const { configure, attempt, latestCode, getUser, run } = require("./amplify_client");

const [endpoint, poolId, clientId, username, email, password] = process.argv.slice(2);
configure(endpoint, poolId, clientId);

run(async (steps) => {
  steps.push("signIn USER_AUTH EMAIL_OTP");
  const emailStep = await signIn({
    username, options: { authFlowType: "USER_AUTH", preferredChallenge: "EMAIL_OTP" },
  });
  steps.push("confirmSignIn wrong code");
  const code = await latestCode(endpoint, poolId, email, "Authentication");
  const wrongCode = await attempt(() => confirmSignIn({
    challengeResponse: code === "00000000" ? "11111111" : "00000000",
  }));
  steps.push("confirmSignIn code");
  const confirmed = await confirmSignIn({ challengeResponse: code });
  const current = await getCurrentUser();
  const session = await fetchAuthSession();
  const user = await getUser(endpoint, session.tokens.accessToken.toString());
  await signOut();

  steps.push("signIn USER_AUTH without a preference");
  const choice = await signIn({ username, options: { authFlowType: "USER_AUTH" } });
  steps.push("confirmSignIn PASSWORD_SRP");
  const passwordStep = await confirmSignIn({ challengeResponse: "PASSWORD_SRP" });
  steps.push("confirmSignIn password");
  const passwordDone = await confirmSignIn({ challengeResponse: password });
  const srpSession = await fetchAuthSession();
  await signOut();
  return {
    ok: true,
    emailStep,
    wrongCode,
    confirmed,
    flow: current.signInDetails.authFlowType,
    username: session.tokens.idToken.payload["cognito:username"],
    user,
    choice,
    passwordStep,
    passwordDone,
    srpUsername: srpSession.tokens.idToken.payload["cognito:username"],
  };
});
