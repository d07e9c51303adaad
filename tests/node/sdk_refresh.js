// Refreshing tokens with the AWS SDK for JavaScript v3 in a pool that tracks devices:
// InitiateAuth (USER_PASSWORD_AUTH) issues a new device, ConfirmDevice confirms it, then
// REFRESH_TOKEN_AUTH with DEVICE_KEY, GetTokensFromRefreshToken with DeviceKey, and a refresh
// naming no device. Reports each access token's device_key claim.
// usage: node sdk_refresh.js ENDPOINT CLIENT_ID USERNAME PASSWORD
// Prints {"ok": true, "deviceKey", "signIn", "refreshTokenAuth", "getTokens", "noDevice"}.
const {
  InitiateAuthCommand, ConfirmDeviceCommand, GetTokensFromRefreshTokenCommand,
} = require("@aws-sdk/client-cognito-identity-provider");
const { client, run } = require("./sdk_client");

const [endpoint, clientId, username, password] = process.argv.slice(2);
const cognito = client(endpoint);

function deviceKeyOf(accessToken) {
  const payload = JSON.parse(Buffer.from(accessToken.split(".")[1], "base64url").toString());
  return payload.device_key === undefined ? null : payload.device_key;
}

run(async (steps) => {
  steps.push("sign in");
  const auth = (await cognito.send(new InitiateAuthCommand({
    ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: username, PASSWORD: password },
  }))).AuthenticationResult;
  const deviceKey = auth.NewDeviceMetadata.DeviceKey;
  steps.push("ConfirmDevice");
  await cognito.send(new ConfirmDeviceCommand({
    AccessToken: auth.AccessToken, DeviceKey: deviceKey, DeviceName: "backend",
    DeviceSecretVerifierConfig: { PasswordVerifier: "AQID", Salt: "BAUG" },
  }));
  steps.push("refresh");
  const refreshTokenAuth = (await cognito.send(new InitiateAuthCommand({
    ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH",
    AuthParameters: { REFRESH_TOKEN: auth.RefreshToken, DEVICE_KEY: deviceKey },
  }))).AuthenticationResult;
  const getTokens = (await cognito.send(new GetTokensFromRefreshTokenCommand({
    ClientId: clientId, RefreshToken: auth.RefreshToken, DeviceKey: deviceKey,
  }))).AuthenticationResult;
  const noDevice = (await cognito.send(new GetTokensFromRefreshTokenCommand({
    ClientId: clientId, RefreshToken: auth.RefreshToken,
  }))).AuthenticationResult;
  return {
    ok: true,
    deviceKey,
    signIn: deviceKeyOf(auth.AccessToken),
    refreshTokenAuth: deviceKeyOf(refreshTokenAuth.AccessToken),
    getTokens: deviceKeyOf(getTokens.AccessToken),
    noDevice: deviceKeyOf(noDevice.AccessToken),
  };
});
