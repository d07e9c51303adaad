'use strict';

// Keeps every AWS SDK call the CLI makes from leaving the machine. STS GetCallerIdentity is
// answered with the local account (so `${aws:accountId}` and `#{AWS::AccountId}` resolve
// offline); any other call fails at once with an error naming it. The seams, installed in the
// plugin's constructor, before variables resolve:
//  - `provider.request()`: serverless 3 and osls 3 send every core and most plugin calls here;
//  - `provider.getAwsSdkV3Config()`: osls builds its AWS SDK v3 clients from it (osls 4 has no
//    other); the config gets a request handler that never opens a socket, and fixed
//    credentials, so that no credential provider looks for a profile or the EC2 metadata
//    service;
//  - `provider.sdk` (AWS SDK v2, serverless 3): plugins that build clients from it directly
//    are stopped by a listener on every request before it is signed or sent.

const crypto = require('crypto');

// A credential provider: the SDK marks the object it gets (`$source`), so each call makes one.
function localCredentials() {
  return Promise.resolve({ accessKeyId: 'cfn-cognito-local', secretAccessKey: 'cfn-cognito-local' });
}

class AwsCallRefused extends Error {
  constructor(service, operation) {
    super(`serverless-cfn-cognito: the AWS call ${service}.${operation} was not sent: at this `
      + 'stage the service deploys to cfn-cognito and nothing calls AWS. Commands that work '
      + 'here: package, deploy, info, remove, invoke local.');
    this.name = 'AwsCallRefused';
    this.code = 'CFN_COGNITO_AWS_CALL_REFUSED';
  }
}

function callerIdentity(accountId) {
  return { UserId: accountId, Account: accountId, Arn: `arn:aws:iam::${accountId}:root` };
}

/** provider.request() for AWS SDK v2 style calls: (service, method, params, options). */
function localRequest(accountId) {
  return async function request(service, method) {
    if (service === 'STS' && method === 'getCallerIdentity') return callerIdentity(accountId);
    throw new AwsCallRefused(service, method);
  };
}

function headerOf(headers, name) {
  const key = Object.keys(headers || {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** {service, operation} of an AWS SDK v3 HTTP request, as far as the request shows them. */
function describeRequest(request) {
  const service = String(request.hostname || 'aws').split('.')[0];
  const target = headerOf(request.headers, 'x-amz-target');
  if (target) return { service, operation: String(target).split('.').pop(), json: true };
  const body = typeof request.body === 'string' ? request.body : '';
  const action = new URLSearchParams(body).get('Action');
  if (action) return { service, operation: action, json: false };
  return { service, operation: `${request.method || 'GET'} ${request.path || '/'}`, json: false };
}

function stsAnswer(accountId, json) {
  const identity = callerIdentity(accountId);
  const requestId = crypto.randomUUID();
  if (json) {
    return { type: 'application/x-amz-json-1.1', body: JSON.stringify(identity), requestId };
  }
  const body = '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
    + '<GetCallerIdentityResult>'
    + `<Arn>${identity.Arn}</Arn><UserId>${identity.UserId}</UserId>`
    + `<Account>${identity.Account}</Account>`
    + '</GetCallerIdentityResult>'
    + `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`
    + '</GetCallerIdentityResponse>';
  return { type: 'text/xml', body, requestId };
}

/** An AWS SDK v3 request handler that answers STS GetCallerIdentity and refuses the rest. */
function localRequestHandler(accountId) {
  return {
    metadata: { handlerProtocol: 'cfn-cognito-local' },
    async handle(request) {
      const { service, operation, json } = describeRequest(request);
      if (service === 'sts' && operation === 'GetCallerIdentity') {
        const answer = stsAnswer(accountId, json);
        return {
          response: {
            statusCode: 200,
            reason: 'OK',
            headers: { 'content-type': answer.type, 'x-amzn-requestid': answer.requestId },
            body: Buffer.from(answer.body),
          },
        };
      }
      throw new AwsCallRefused(service, operation);
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}

function ownValue(object, name) {
  const descriptor = Object.getOwnPropertyDescriptor(object, name);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

/**
 * Install the local answers on the AWS provider. Returns the seams it covered
 * ('request', 'sdk-v3-config', 'sdk-v2'), for the debug log and the tests.
 */
function installOffline(provider, accountId) {
  const covered = [];
  // osls 4 keeps `request` only as a stub that throws a migration error; replacing it there
  // too gives v2-style plugins the same clear refusal as everything else.
  provider.request = localRequest(accountId);
  covered.push('request');

  if (typeof provider.getAwsSdkV3Config === 'function') {
    const original = provider.getAwsSdkV3Config.bind(provider);
    const handler = localRequestHandler(accountId);
    provider.getAwsSdkV3Config = async function getAwsSdkV3Config(options = {}) {
      const config = await original({ ...options, credentials: localCredentials });
      return { ...config, credentials: localCredentials, requestHandler: handler, maxAttempts: 1 };
    };
    covered.push('sdk-v3-config');
  }

  // In osls 4 `sdk` is a getter that throws: only an own value is the AWS SDK v2 module.
  const sdk = ownValue(provider, 'sdk');
  if (sdk && sdk.events && typeof sdk.events.on === 'function') {
    sdk.events.on('validate', (request) => {
      const service = (request.service && request.service.serviceIdentifier) || 'aws';
      throw new AwsCallRefused(service, request.operation);
    });
    covered.push('sdk-v2');
  }
  return covered;
}

module.exports = {
  AwsCallRefused,
  localCredentials,
  describeRequest,
  installOffline,
  localRequest,
  localRequestHandler,
};
