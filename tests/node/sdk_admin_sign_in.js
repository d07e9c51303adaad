// A backend's admin path with the AWS SDK for JavaScript v3: CreateUserPool and a client,
// AdminCreateUser + AdminSetUserPassword, InitiateAuth (USER_PASSWORD_AUTH), GetUser, then
// DeleteUserPool.
// usage: node sdk_admin_sign_in.js ENDPOINT USERNAME PASSWORD EMAIL
// Prints {"ok": true, ...what each call answered} or {"ok": false, "error": {...}}.
const {
  CreateUserPoolCommand, CreateUserPoolClientCommand, AdminCreateUserCommand,
  AdminSetUserPasswordCommand, InitiateAuthCommand, GetUserCommand, DeleteUserPoolCommand,
} = require("@aws-sdk/client-cognito-identity-provider");
const { client, run } = require("./sdk_client");

const [endpoint, username, password, email] = process.argv.slice(2);
const cognito = client(endpoint);

run(async () => {
  const created = await cognito.send(new CreateUserPoolCommand({
    PoolName: "sdk-v3", UsernameAttributes: [], AutoVerifiedAttributes: ["email"],
  }));
  const poolId = created.UserPool.Id;
  try {
    const app = await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: "web",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }));
    const clientId = app.UserPoolClient.ClientId;
    const user = await cognito.send(new AdminCreateUserCommand({
      UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS",
      UserAttributes: [{ Name: "email", Value: email }, { Name: "email_verified", Value: "true" }],
    }));
    await cognito.send(new AdminSetUserPasswordCommand({
      UserPoolId: poolId, Username: username, Password: password, Permanent: true,
    }));
    const auth = await cognito.send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    const me = await cognito.send(new GetUserCommand({
      AccessToken: auth.AuthenticationResult.AccessToken,
    }));
    return {
      ok: true,
      poolId,
      poolCreationDateIsDate: created.UserPool.CreationDate instanceof Date,
      createdStatus: user.User.UserStatus,
      userCreateDateIsDate: user.User.UserCreateDate instanceof Date,
      metadata: auth.$metadata,
      authentication: auth.AuthenticationResult,
      challengeParameters: auth.ChallengeParameters,
      me: { Username: me.Username, UserAttributes: me.UserAttributes },
    };
  } finally {
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
  }
});
