// What Amplify v6's signIn tells an app about users who cannot sign in yet: an unconfirmed
// user's next step is CONFIRM_SIGN_UP, and a user whose password an admin reset gets
// RESET_PASSWORD (Amplify reads both from the service's error names).
// usage: node amplify_sign_in_steps.js ENDPOINT POOL_ID CLIENT_ID PASSWORD UNCONFIRMED RESET
// Prints {"ok": true, "unconfirmed": {...}, "reset": {...}} (each signIn's outcome).
const { signIn } = require("aws-amplify/auth");
const { configure, attempt, run } = require("./amplify_client");

const [endpoint, poolId, clientId, password, unconfirmed, reset] = process.argv.slice(2);
configure(endpoint, poolId, clientId);

run(async () => ({
  ok: true,
  unconfirmed: await attempt(() => signIn({ username: unconfirmed, password })),
  reset: await attempt(() => signIn({ username: reset, password })),
}));
