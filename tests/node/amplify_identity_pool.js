// AWS credentials through Amplify v6 with an identity pool beside the user pool
// (`identityPoolEndpoint` = the same local endpoint): fetchAuthSession as a guest, then
// signed in (Amplify sends the ID token under its issuer, without the scheme, as the login).
// usage: node amplify_identity_pool.js ENDPOINT POOL_ID CLIENT_ID IDENTITY_POOL_ID USERNAME
//        PASSWORD
// Prints {"ok": true, "guest": {identityId, accessKeyId, ...}, "signedIn": {...}}.
const { Amplify } = require("aws-amplify");
const { signIn, fetchAuthSession } = require("aws-amplify/auth");
const { run } = require("./amplify_client");

const [endpoint, poolId, clientId, identityPoolId, username, password] = process.argv.slice(2);
Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: endpoint,
      identityPoolId, identityPoolEndpoint: endpoint, allowGuestAccess: true,
    },
  },
});

async function credentials() {
  const session = await fetchAuthSession();
  return {
    identityId: session.identityId,
    accessKeyId: session.credentials.accessKeyId,
    hasSecret: Boolean(session.credentials.secretAccessKey && session.credentials.sessionToken),
    expiresInSeconds: Math.round((session.credentials.expiration - Date.now()) / 1000),
    signedIn: Boolean(session.tokens),
  };
}

run(async (steps) => {
  steps.push("guest credentials");
  const guest = await credentials();
  steps.push("signIn");
  await signIn({ username, password });
  steps.push("signed-in credentials");
  const signedIn = await credentials();
  return { ok: true, guest, signedIn };
});
