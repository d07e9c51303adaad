// Verify a token with aws-jwt-verify's JwtRsaVerifier as a backend does against AWS: its own
// JWKS fetcher (Node's https, nothing swapped in), the JWKS at the issuer's well-known URL.
// Trust of the local CA comes only from the environment (NODE_EXTRA_CA_CERTS).
// usage: node verify_jwt_https.js ISSUER TOKEN TOKEN_USE CLIENT_ID
// Prints {"ok": true, "payload": {...}} or {"ok": false, "error": "..."}.
const { JwtRsaVerifier } = require("aws-jwt-verify");

const [issuer, token, tokenUse, clientId] = process.argv.slice(2);

const verifier = JwtRsaVerifier.create({
  issuer,
  jwksUri: `${issuer}/.well-known/jwks.json`,
  audience: tokenUse === "id" ? clientId : null,
  customJwtCheck: ({ payload }) => {
    if (payload.token_use !== tokenUse) throw new Error(`token_use is ${payload.token_use}`);
    if (tokenUse === "access" && payload.client_id !== clientId) throw new Error("client_id");
  },
});

verifier
  .verify(token)
  .then((payload) => process.stdout.write(JSON.stringify({ ok: true, payload }) + "\n"))
  .catch((err) => process.stdout.write(JSON.stringify({ ok: false, error: String(err) }) + "\n"));
