// What the AWS SDK for JavaScript v3 scripts share: a Cognito client for a local endpoint,
// a call that reports an error instead of throwing, and codes from the dev inbox.
const { CognitoIdentityProviderClient } = require("@aws-sdk/client-cognito-identity-provider");
const { latestCode } = require("./inbox");
const report = require("./report");

function client(endpoint) {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    maxAttempts: 1,
  });
}

// What a caller sees of a failed call: the error class the SDK chose, its message, and the
// response metadata (a parse failure would show up as a different name and no status).
function failure(err) {
  return {
    name: err.name,
    message: err.message,
    fault: err.$fault,
    httpStatusCode: err.$metadata && err.$metadata.httpStatusCode,
    requestId: err.$metadata && err.$metadata.requestId,
  };
}

// {ok: true, value} or {ok: false, error} for one command.
async function attempt(cognito, command) {
  try {
    return { ok: true, value: await cognito.send(command) };
  } catch (err) {
    return { ok: false, error: failure(err) };
  }
}

// Run `main(steps)` and print its result (report.js), describing a throw as above.
function run(main) {
  report.run(main, failure);
}

module.exports = { client, attempt, failure, latestCode, run };
