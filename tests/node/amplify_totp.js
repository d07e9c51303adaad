// TOTP multi-factor sign-in through Amplify v6: setUpTOTP (AssociateSoftwareToken),
// verifyTOTPSetup with a code computed as an authenticator app would, updateMFAPreference,
// then a fresh signIn answers CONFIRM_SIGN_IN_WITH_TOTP_CODE and confirmSignIn finishes it
// (a wrong code first, which is refused).
// usage: node amplify_totp.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD
// Prints {"ok": true, "preference", "challenge", "wrongCode", "confirmed", "amr"...}.
const crypto = require("crypto");
const {
  signIn, signOut, confirmSignIn, setUpTOTP, verifyTOTPSetup, updateMFAPreference,
  fetchMFAPreference, getCurrentUser,
} = require("aws-amplify/auth");
const { configure, attempt, run } = require("./amplify_client");

const [endpoint, poolId, clientId, username, password] = process.argv.slice(2);
configure(endpoint, poolId, clientId);

// RFC 6238 (HMAC-SHA-1, 30-second steps, 6 digits) over a base32 secret.
function totp(secret) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...secret.replace(/=+$/, "")]
    .map((c) => alphabet.indexOf(c).toString(2).padStart(5, "0")).join("");
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const digest = crypto.createHmac("sha1", key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, "0");
}

function wrong(code) {
  return code === "000000" ? "111111" : "000000";
}

run(async (steps) => {
  steps.push("signIn");
  await signIn({ username, password });
  steps.push("setUpTOTP");
  const setup = await setUpTOTP();
  steps.push("verifyTOTPSetup");
  await verifyTOTPSetup({ code: totp(setup.sharedSecret) });
  await updateMFAPreference({ totp: "PREFERRED" });
  const preference = await fetchMFAPreference();
  await signOut();
  steps.push("signIn with TOTP");
  const challenge = await signIn({ username, password });
  const wrongCode = await attempt(() => confirmSignIn({
    challengeResponse: wrong(totp(setup.sharedSecret)),
  }));
  steps.push("confirmSignIn");
  const confirmed = await confirmSignIn({ challengeResponse: totp(setup.sharedSecret) });
  const current = await getCurrentUser();
  return {
    ok: true,
    setupUri: setup.getSetupUri("cfn-cognito").toString(),
    preference, challenge, wrongCode, confirmed, username: current.username,
  };
});
