// Self-service sign-up with the AWS SDK for JavaScript v3: SignUp, the code from the dev
// inbox, ConfirmSignUp, then InitiateAuth (USER_PASSWORD_AUTH) and GetUser.
// usage: node sdk_sign_up.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD EMAIL
// Prints {"ok": true, ...what each call answered} or {"ok": false, "error": {...}}.
const {
  SignUpCommand, ConfirmSignUpCommand, InitiateAuthCommand, GetUserCommand,
} = require("@aws-sdk/client-cognito-identity-provider");
const { client, attempt, latestCode, run } = require("./sdk_client");

const [endpoint, poolId, clientId, username, password, email] = process.argv.slice(2);
const cognito = client(endpoint);
const signIn = new InitiateAuthCommand({
  ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH",
  AuthParameters: { USERNAME: username, PASSWORD: password },
});

run(async () => {
  const signedUp = await cognito.send(new SignUpCommand({
    ClientId: clientId, Username: username, Password: password,
    UserAttributes: [{ Name: "email", Value: email }],
  }));
  const beforeConfirming = await attempt(cognito, signIn);
  const code = await latestCode(endpoint, poolId, email, "SignUp");
  const wrongCode = await attempt(cognito, new ConfirmSignUpCommand({
    ClientId: clientId, Username: username,
    ConfirmationCode: code === "000000" ? "111111" : "000000",
  }));
  const confirmed = await cognito.send(new ConfirmSignUpCommand({
    ClientId: clientId, Username: username, ConfirmationCode: code,
  }));
  const auth = await cognito.send(signIn);
  const me = await cognito.send(new GetUserCommand({
    AccessToken: auth.AuthenticationResult.AccessToken,
  }));
  return {
    ok: true,
    signUp: { UserConfirmed: signedUp.UserConfirmed, UserSub: signedUp.UserSub,
      CodeDeliveryDetails: signedUp.CodeDeliveryDetails },
    beforeConfirming,
    code,
    wrongCode,
    confirmStatus: confirmed.$metadata.httpStatusCode,
    me: { Username: me.Username, UserAttributes: me.UserAttributes },
  };
});
