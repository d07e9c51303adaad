'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { endpointLines, localApiUrl, outputSections } = require('../lib/sections');

const ENDPOINT = 'http://localhost:4566';

test('an AWS invoke URL becomes the local gateway URL for the same API and stage', () => {
  assert.equal(localApiUrl('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/local', ENDPOINT),
    'http://localhost:4566/restapis/a1b2c3d4e5/local/_user_request_');
  assert.equal(localApiUrl('https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/dev/v1/x', ENDPOINT),
    'http://localhost:4566/restapis/a1b2c3d4e5/dev/_user_request_/v1/x');
  // An HTTP API's URL has no stage: its default stage.
  assert.equal(localApiUrl('https://h1t2p3a4p5.execute-api.us-east-1.amazonaws.com', ENDPOINT),
    'http://localhost:4566/restapis/h1t2p3a4p5/$default/_user_request_');
  // Anything else is left as it is.
  assert.equal(localApiUrl('us-east-1_abcdefghi', ENDPOINT), 'us-east-1_abcdefghi');
  assert.equal(localApiUrl('https://example.com/local', ENDPOINT), 'https://example.com/local');
});

test('each http and httpApi event is listed with its method and local URL', () => {
  const functions = {
    rest: {
      events: [
        { http: { path: 'v1/request', method: 'get' } },
        { http: 'POST /v1/items/{id}' },
        { http: { path: '/', method: 'any' } },
        { cognitoUserPool: { pool: 'P', trigger: 'PreSignUp' } },
      ],
    },
    api: { events: [{ httpApi: { path: '/v2/jwt', method: 'get' } }, { httpApi: '*' }] },
  };
  const outputs = [
    { OutputKey: 'ServiceEndpoint', OutputValue: 'https://r1.execute-api.us-east-1.amazonaws.com/local' },
    { OutputKey: 'HttpApiUrl', OutputValue: 'https://h1.execute-api.us-east-1.amazonaws.com' },
  ];
  assert.deepEqual(endpointLines(functions, outputs, ENDPOINT), [
    'GET - http://localhost:4566/restapis/r1/local/_user_request_/v1/request',
    'POST - http://localhost:4566/restapis/r1/local/_user_request_/v1/items/{id}',
    'ANY - http://localhost:4566/restapis/r1/local/_user_request_',
    'GET - http://localhost:4566/restapis/h1/$default/_user_request_/v2/jwt',
    'ANY - http://localhost:4566/restapis/h1/$default/_user_request_',
  ]);
  // Without the API's URL among the outputs there is nothing to list.
  assert.deepEqual(endpointLines(functions, [], ENDPOINT), []);
});

test('deploy shows endpoints, functions and outputs; info starts with the service', () => {
  const args = {
    service: 'test', stage: 'local', region: 'us-east-1', stackName: 'test-local',
    functions: { trigger: { name: 'test-local-trigger', events: [] } },
    outputs: [{ OutputKey: 'UserPoolId', OutputValue: 'us-east-1_abcdefghi' }],
    endpoint: ENDPOINT,
  };
  assert.deepEqual(outputSections(args), [
    ['functions', ['trigger: test-local-trigger']],
    ['stack outputs', ['UserPoolId: us-east-1_abcdefghi']],
    ['cfn-cognito', ENDPOINT],
  ]);
  assert.deepEqual(outputSections({ ...args, info: true }).slice(0, 4), [
    ['service', 'test'], ['stage', 'local'], ['region', 'us-east-1'], ['stack', 'test-local'],
  ]);
});
