// How the AWS SDK for JavaScript v3 sees the service's errors: the modeled exception class
// (instanceof), its name and message, and the response metadata.
// usage: node sdk_errors.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD
// Prints {"ok": true, "<case>": {"ok": false, "error": {...}, "modeled": bool}, ...}.
const sdk = require("@aws-sdk/client-cognito-identity-provider");
const { client, attempt, run } = require("./sdk_client");

const [endpoint, poolId, clientId, username, password] = process.argv.slice(2);
const cognito = client(endpoint);

function signIn(user, secret) {
  const parameters = { USERNAME: user, ...(secret === undefined ? {} : { PASSWORD: secret }) };
  return new sdk.InitiateAuthCommand({
    ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: parameters,
  });
}

// The call's outcome, and whether the SDK raised its own class of that name (what
// `catch (e) { if (e instanceof NotAuthorizedException) ... }` in an app relies on).
async function outcome(command) {
  const result = await attempt(cognito, command);
  if (!result.ok) {
    const modeled = sdk[result.error.name];
    result.modeled = typeof modeled === "function";
  }
  return result;
}

run(async () => {
  const good = await cognito.send(signIn(username, password));
  const accessToken = good.AuthenticationResult.AccessToken;
  let instanceOfNotAuthorized = false;
  try {
    await cognito.send(signIn(username, `${password}-wrong`));
  } catch (err) {
    instanceOfNotAuthorized = err instanceof sdk.NotAuthorizedException
      && err instanceof sdk.CognitoIdentityProviderServiceException;
  }
  return {
    ok: true,
    instanceOfNotAuthorized,
    wrongPassword: await outcome(signIn(username, `${password}-wrong`)),
    unknownUser: await outcome(signIn("nobody-here", password)),
    missingPassword: await outcome(signIn(username)),
    limitTooLarge: await outcome(new sdk.ListUsersCommand({ UserPoolId: poolId, Limit: 61 })),
    unknownPool: await outcome(new sdk.DescribeUserPoolCommand({
      UserPoolId: "us-east-1_nothere0",
    })),
    badToken: await outcome(new sdk.GetUserCommand({ AccessToken: "not-a-token" })),
    unsupported: await outcome(new sdk.ListUserPoolReplicasCommand({ UserPoolId: poolId })),
  };
});
