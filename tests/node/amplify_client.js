// What the Amplify v6 scripts share: Amplify configured for a local endpoint (in Node it
// keeps tokens in memory), a call that reports an error instead of throwing, codes from the
// dev inbox, and the access-token check a backend makes.
const { Amplify } = require("aws-amplify");
const { latestCode } = require("./inbox");
const report = require("./report");

function configure(endpoint, userPoolId, userPoolClientId) {
  Amplify.configure({
    Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } },
  });
}

// What an app sees of a failed Amplify call (AuthError or a service error it passed on).
function failure(err) {
  return { name: err.name, message: err.message };
}

// {ok: true, value} or {ok: false, error} for one call.
async function attempt(call) {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    return { ok: false, error: failure(err) };
  }
}

// GetUser with an access token, as a backend checks one: the username, or the error.
async function getUser(endpoint, accessToken) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": "AWSCognitoIdentityProviderService.GetUser",
    },
    body: JSON.stringify({ AccessToken: accessToken }),
  });
  const body = await response.json();
  return response.ok ? { ok: true, username: body.Username }
    : { ok: false, error: { name: body.__type, message: body.message } };
}

// Run `main(steps)` and print its result (report.js), describing a throw as above.
function run(main) {
  report.run(main, failure);
}

module.exports = { configure, attempt, failure, latestCode, getUser, run };
