// Verify a token with aws-jwt-verify's JwtRsaVerifier against a JWKS served over http.
// usage: node verify_jwt.js ISSUER JWKS_URI TOKEN TOKEN_USE AUDIENCE_OR_CLIENT_ID
// Prints {"ok": true, "payload": {...}} or {"ok": false, "error": "..."}.
const { JwtRsaVerifier } = require("aws-jwt-verify");
const { SimpleJwksCache } = require("aws-jwt-verify/jwk");

const [issuer, jwksUri, token, tokenUse, clientId] = process.argv.slice(2);

// aws-jwt-verify's own fetcher speaks only https; a local endpoint is http.
const fetcher = { fetch: async (uri) => (await fetch(uri)).json() };
const verifier = JwtRsaVerifier.create(
  {
    issuer,
    jwksUri,
    audience: tokenUse === "id" ? clientId : null,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== tokenUse) throw new Error(`token_use is ${payload.token_use}`);
      if (tokenUse === "access" && payload.client_id !== clientId) throw new Error("client_id");
    },
  },
  { jwksCache: new SimpleJwksCache({ fetcher }) },
);

verifier
  .verify(token)
  .then((payload) => process.stdout.write(JSON.stringify({ ok: true, payload }) + "\n"))
  .catch((err) => process.stdout.write(JSON.stringify({ ok: false, error: String(err) }) + "\n"));
