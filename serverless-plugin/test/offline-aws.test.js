'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const {
  AwsCallRefused, describeRequest, installOffline, localRequest, localRequestHandler,
} = require('../lib/offline-aws');
const { fakeServerless } = require('./fake-serverless');

const ACCOUNT = '000000000000';

function stsQuery() {
  return {
    method: 'POST', hostname: 'sts.us-east-1.amazonaws.com', path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  };
}

test('STS answers the local account through provider.request (AWS SDK v2 style)', async () => {
  const request = localRequest(ACCOUNT);
  assert.deepEqual(await request('STS', 'getCallerIdentity', {}, { useCache: true }), {
    UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root`,
  });
});

test('any other call is refused by name, and never sent', async () => {
  const request = localRequest(ACCOUNT);
  await assert.rejects(request('S3', 'headBucket', { Bucket: 'b' }), (err) => {
    assert.ok(err instanceof AwsCallRefused);
    assert.match(err.message, /^serverless-cfn-cognito: the AWS call S3\.headBucket was not sent/);
    assert.match(err.message, /package, deploy, info, remove, invoke local/);
    return true;
  });
});

test('the AWS SDK v3 handler answers GetCallerIdentity in the query protocol', async () => {
  const { response } = await localRequestHandler('123456789012').handle(stsQuery());
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'text/xml');
  const xml = response.body.toString();
  assert.match(xml, /<Account>123456789012<\/Account>/);
  assert.match(xml, /<Arn>arn:aws:iam::123456789012:root<\/Arn>/);
});

test('the AWS SDK v3 handler answers in JSON when the client speaks JSON', async () => {
  const request = {
    method: 'POST', hostname: 'sts.amazonaws.com', path: '/', body: '{}',
    headers: { 'X-Amz-Target': 'AWSSecurityTokenServiceV20110615.GetCallerIdentity' },
  };
  const { response } = await localRequestHandler(ACCOUNT).handle(request);
  assert.deepEqual(JSON.parse(response.body.toString()).Account, ACCOUNT);
});

test('the AWS SDK v3 handler refuses other services with their operation', async () => {
  const handler = localRequestHandler(ACCOUNT);
  const cfn = {
    method: 'POST', hostname: 'cloudformation.us-east-1.amazonaws.com', path: '/',
    headers: {}, body: 'Action=DescribeStacks&Version=2010-05-15&StackName=test-local',
  };
  await assert.rejects(handler.handle(cfn), /the AWS call cloudformation\.DescribeStacks was not sent/);
  const ssm = {
    method: 'POST', hostname: 'ssm.us-east-1.amazonaws.com', path: '/', body: '{}',
    headers: { 'x-amz-target': 'AmazonSSM.GetParameter' },
  };
  await assert.rejects(handler.handle(ssm), /ssm\.GetParameter/);
  assert.deepEqual(describeRequest({ hostname: 'bucket.s3.amazonaws.com', method: 'HEAD', path: '/' }),
    { service: 'bucket', operation: 'HEAD /', json: false });
});

test('serverless 3: request is replaced and the SDK v2 module refuses direct clients', async () => {
  const serverless = fakeServerless();
  const provider = serverless.getProvider('aws');
  assert.deepEqual(installOffline(provider, ACCOUNT), ['request', 'sdk-v2']);
  assert.equal((await provider.request('STS', 'getCallerIdentity', {})).Account, ACCOUNT);
  assert.deepEqual(provider.calls, []);
  // What AWS SDK v2 does for every request: emit `validate` on AWS.events before signing.
  const listeners = provider.sdk.events.listeners('validate');
  assert.equal(listeners.length, 1);
  const sdkRequest = { service: { serviceIdentifier: 's3' }, operation: 'headBucket' };
  assert.throws(() => listeners[0](sdkRequest), /the AWS call s3\.headBucket was not sent/);
});

test('osls 4: the SDK v3 config gets the local handler and credentials, and sdk is not touched',
  async () => {
    const serverless = fakeServerless({ providerKind: { sdkV2: false, sdkV3: true } });
    const provider = serverless.getProvider('aws');
    assert.deepEqual(installOffline(provider, ACCOUNT), ['request', 'sdk-v3-config']);
    const config = await provider.getAwsSdkV3Config({ region: 'eu-west-1' });
    assert.equal(config.region, 'eu-west-1');
    assert.equal(config.maxAttempts, 1);
    assert.deepEqual(await config.credentials(), {
      accessKeyId: 'cfn-cognito-local', secretAccessKey: 'cfn-cognito-local',
    });
    // The SDK marks the credentials it is given: each call must get its own object.
    assert.notEqual(await config.credentials(), await config.credentials());
    const { response } = await config.requestHandler.handle(stsQuery());
    assert.match(response.body.toString(), /<Account>000000000000<\/Account>/);
  });
