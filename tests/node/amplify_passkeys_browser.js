// Amplify v6 passkeys, in a browser page (bundled by esbuild; tests/e2e/passkeys drives it
// in Chromium with a virtual authenticator): sign in with the password, register a passkey
// (associateWebAuthnCredential), list it, sign out, then sign in with it
// (signIn with preferredChallenge WEB_AUTHN). Each step reports what the app saw.
import { Amplify } from "aws-amplify";
import {
  signIn, signOut, associateWebAuthnCredential, listWebAuthnCredentials, getCurrentUser,
  fetchAuthSession,
} from "aws-amplify/auth";

async function attempt(call) {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    return { ok: false, error: { name: err.name, message: err.message } };
  }
}

window.amplifyPasskeys = {
  configure(endpoint, userPoolId, userPoolClientId) {
    Amplify.configure({
      Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } },
    });
  },
  async register(username, password) {
    const passwordSignIn = await attempt(() => signIn({
      username, password, options: { authFlowType: "USER_PASSWORD_AUTH" },
    }));
    const associated = await attempt(() => associateWebAuthnCredential());
    const listed = await attempt(() => listWebAuthnCredentials());
    await signOut();
    return { passwordSignIn, associated, listed };
  },
  async signInWithPasskey(username) {
    const signedIn = await attempt(() => signIn({
      username, options: { authFlowType: "USER_AUTH", preferredChallenge: "WEB_AUTHN" },
    }));
    const user = await attempt(() => getCurrentUser());
    const session = await attempt(async () => {
      const tokens = (await fetchAuthSession()).tokens;
      return tokens ? { hasAccessToken: !!tokens.accessToken } : null;
    });
    await attempt(() => signOut());
    return { signedIn, user, session };
  },
};
