// Amplify v6's device tracking: the sign-in confirms a new device (ConfirmDevice with its SRP
// verifier), rememberDevice and fetchDevices, then the next signIn authenticates the device
// too (DEVICE_SRP_AUTH: the same device_key comes back), and forgetDevice drops it.
// usage: node amplify_devices.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD
// Prints {"ok": true, "firstKey", "devices", "secondKey", "afterForget", ...}.
//
// Amplify names the device after navigator's user agent, which Node 20 lacks (Node 21 has
// one): without it Amplify skips ConfirmDevice silently. A browser always has one.
globalThis.navigator = globalThis.navigator || { userAgent: "Mozilla/5.0 (cfn-cognito tests)" };
const {
  signIn, signOut, fetchAuthSession, rememberDevice, fetchDevices, forgetDevice,
} = require("aws-amplify/auth");
const { configure, run } = require("./amplify_client");

const [endpoint, poolId, clientId, username, password] = process.argv.slice(2);
configure(endpoint, poolId, clientId);

async function deviceKey() {
  return (await fetchAuthSession()).tokens.accessToken.payload.device_key;
}

run(async (steps) => {
  steps.push("first signIn");
  await signIn({ username, password });
  const firstKey = await deviceKey();
  steps.push("rememberDevice");
  await rememberDevice();
  const devices = await fetchDevices();
  steps.push("refresh with the device");
  const refreshedKey = (await fetchAuthSession({ forceRefresh: true }))
    .tokens.accessToken.payload.device_key;
  await signOut();
  steps.push("second signIn");
  const second = await signIn({ username, password });
  const secondKey = await deviceKey();
  steps.push("forgetDevice");
  await forgetDevice();
  const afterForget = await fetchDevices();
  return {
    ok: true, firstKey, devices, refreshedKey, second, secondKey, afterForget,
  };
});
