// The user session API and GetClientToken with the AWS SDK for JavaScript v3, as a backend
// and an app would call them: turn session tracking on, sign in twice, list the sessions as
// the user and as the admin, revoke the other one and see its access token refused; then a
// machine-to-machine access token from GetClientToken, and the user's token exchanged by
// that service client (GetDerivedToken) for one bound to an audience.
// usage: node sdk_sessions.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD M2M_CLIENT_ID M2M_SECRET
//        EXCHANGE_CLIENT_ID EXCHANGE_SECRET
// Prints {"ok": true, "config", "listed", "adminListed", "revokedError", "left", "clientToken",
//         "derived"}.
const sdk = require("@aws-sdk/client-cognito-identity-provider");
const { client, run } = require("./sdk_client");

const [endpoint, poolId, clientId, username, password, m2mId, m2mSecret, exchangeId,
  exchangeSecret] = process.argv.slice(2);
const cognito = client(endpoint);

async function signIn() {
  return (await cognito.send(new sdk.InitiateAuthCommand({
    ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: username, PASSWORD: password },
  }))).AuthenticationResult;
}

run(async (steps) => {
  steps.push("SetUserPoolSessionConfiguration");
  const config = await cognito.send(new sdk.SetUserPoolSessionConfigurationCommand({
    UserPoolId: poolId, UserSessionTracking: "ENABLED", TokenSession: { MaxPerUser: 10 },
  }));
  steps.push("sign in twice");
  const laptop = await signIn();
  const phone = await signIn();
  steps.push("ListUserSessions");
  const listed = (await cognito.send(new sdk.ListUserSessionsCommand({
    AccessToken: laptop.AccessToken,
  }))).Sessions;
  const adminListed = (await cognito.send(new sdk.AdminListUserSessionsCommand({
    UserPoolId: poolId, Username: username,
  }))).Sessions;
  const other = listed.find((s) => !s.IsCurrentSession);
  steps.push("RevokeUserSession");
  await cognito.send(new sdk.RevokeUserSessionCommand({
    AccessToken: laptop.AccessToken, SessionId: other.SessionId,
  }));
  let revokedError = null;
  try {
    await cognito.send(new sdk.GetUserCommand({ AccessToken: phone.AccessToken }));
  } catch (err) {
    revokedError = { name: err.name, message: err.message };
  }
  const left = (await cognito.send(new sdk.ListUserSessionsCommand({
    AccessToken: laptop.AccessToken,
  }))).Sessions;
  steps.push("GetClientToken");
  const clientToken = (await cognito.send(new sdk.GetClientTokenCommand({
    ClientId: m2mId, Secret: m2mSecret,
  }))).ClientAuthenticationResult;
  steps.push("GetDerivedToken");
  const derived = await cognito.send(new sdk.GetDerivedTokenCommand({
    ClientId: exchangeId, ClientSecret: exchangeSecret, SubjectToken: laptop.AccessToken,
    SubjectTokenType: "ACCESS_TOKEN", Audiences: ["billing"],
  }));
  return {
    ok: true,
    config: { tracking: config.UserSessionTracking, max: config.TokenSession.MaxPerUser },
    listed: listed.map((s) => ({
      id: s.SessionId, type: s.SessionType, current: s.IsCurrentSession,
      createDateIsDate: s.CreateDate instanceof Date,
    })),
    adminListed: adminListed.map((s) => s.SessionId),
    revokedId: other.SessionId,
    revokedError,
    left: left.map((s) => s.SessionId),
    clientToken,
    derived: {
      token: derived.IssuedToken, type: derived.IssuedTokenType, tokenType: derived.TokenType,
      scopes: derived.Scopes,
    },
  };
});
