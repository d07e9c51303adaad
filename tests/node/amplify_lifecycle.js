// A user's whole life through Amplify v6's auth category, as an app calls it: signUp,
// confirmSignUp (code from the dev inbox), signIn (default SRP flow), getCurrentUser,
// fetchAuthSession (and a forced refresh), fetchUserAttributes, updateUserAttributes (an
// email change, confirmed with confirmUserAttribute), signOut({global: true}); then the old
// access token is tried, as a backend would check it.
// usage: node amplify_lifecycle.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD EMAIL NEW_EMAIL
// Prints {"ok": true, ...what each step answered} or {"ok": false, "step", "error"}.
const {
  signUp, confirmSignUp, signIn, getCurrentUser, fetchAuthSession, fetchUserAttributes,
  updateUserAttributes, confirmUserAttribute, signOut,
} = require("aws-amplify/auth");
const { configure, attempt, latestCode, getUser, run } = require("./amplify_client");

const [endpoint, poolId, clientId, username, password, email, newEmail] = process.argv.slice(2);
configure(endpoint, poolId, clientId);

run(async (steps) => {
  steps.push("signUp");
  const signedUp = await signUp({
    username, password, options: { userAttributes: { email } },
  });
  steps.push("confirmSignUp");
  const code = await latestCode(endpoint, poolId, email, "SignUp");
  const confirmed = await confirmSignUp({ username, confirmationCode: code });
  steps.push("signIn");
  const signedIn = await signIn({ username, password });
  steps.push("getCurrentUser");
  const current = await getCurrentUser();
  steps.push("fetchAuthSession");
  const session = await fetchAuthSession();
  const { idToken, accessToken } = session.tokens;
  steps.push("fetchAuthSession forceRefresh");
  const refreshed = (await fetchAuthSession({ forceRefresh: true })).tokens;
  const refreshedUser = await getUser(endpoint, refreshed.accessToken.toString());
  steps.push("fetchUserAttributes");
  const attributes = await fetchUserAttributes();
  steps.push("updateUserAttributes");
  const updated = await updateUserAttributes({
    userAttributes: { email: newEmail, name: "Ada Lovelace" },
  });
  const afterUpdate = await fetchUserAttributes();
  steps.push("confirmUserAttribute");
  let emailConfirmed = null;
  const emailStep = updated.email && updated.email.nextStep.updateAttributeStep;
  if (emailStep === "CONFIRM_ATTRIBUTE_WITH_CODE") {
    const emailCode = await latestCode(endpoint, poolId, newEmail, "UpdateUserAttribute");
    await confirmUserAttribute({ userAttributeKey: "email", confirmationCode: emailCode });
    emailConfirmed = await fetchUserAttributes();
  }
  steps.push("signOut");
  const beforeSignOut = await getUser(endpoint, accessToken.toString());
  await signOut({ global: true });
  const afterSignOut = await getUser(endpoint, accessToken.toString());
  const sessionAfterSignOut = await fetchAuthSession();
  const currentAfterSignOut = await attempt(getCurrentUser);
  return {
    ok: true,
    signUp: signedUp,
    confirmSignUp: confirmed,
    signIn: signedIn,
    currentUser: current,
    idTokenPayload: idToken.payload,
    accessTokenPayload: accessToken.payload,
    refreshedIdTokenPayload: refreshed.idToken.payload,
    refreshedAccessTokenPayload: refreshed.accessToken.payload,
    refreshedUser,
    attributes,
    updated,
    afterUpdate,
    emailConfirmed,
    beforeSignOut,
    afterSignOut,
    tokensAfterSignOut: sessionAfterSignOut.tokens === undefined ? null : "present",
    currentAfterSignOut,
  };
});
