'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { endpointLines, outputSections } = require('../lib/sections');

const ENDPOINT = 'http://localhost:4566';

// The APIs as `cfn-cognito deploy --json` and `outputs --json` describe them.
const APIS = [
  {
    ApiId: 'r1', Name: 'local-test', Protocol: 'REST',
    Stages: [{ Stage: 'local', Url: 'http://localhost:4566/restapis/r1/local/_user_request_', HostUrl: 'http://r1.execute-api.localhost:4566/local' }],
    Routes: [
      { Method: 'GET', Path: '/v1/request', Authorization: 'COGNITO_USER_POOLS' },
      { Method: 'ANY', Path: '/', Authorization: 'NONE' },
    ],
  },
  {
    ApiId: 'h1', Name: 'local-test', Protocol: 'HTTP',
    Stages: [{ Stage: '$default', Url: 'http://localhost:4566/restapis/h1/$default/_user_request_', HostUrl: 'http://h1.execute-api.localhost:4566' }],
    Routes: [
      { Method: 'GET', Path: '/v2/jwt', Authorization: 'JWT' },
      { Method: 'ANY', Path: '$default', Authorization: 'NONE' },
    ],
  },
];

test('each route of each stage is listed with its method and the URL any client can call', () => {
  assert.deepEqual(endpointLines(APIS), [
    'GET - http://localhost:4566/restapis/r1/local/_user_request_/v1/request',
    'ANY - http://localhost:4566/restapis/r1/local/_user_request_',
    'GET - http://localhost:4566/restapis/h1/$default/_user_request_/v2/jwt',
    'ANY - http://localhost:4566/restapis/h1/$default/_user_request_',
  ]);
  assert.deepEqual(endpointLines(undefined), []);
});

test('deploy shows endpoints, functions and outputs; info starts with the service', () => {
  const args = {
    service: 'test', stage: 'local', region: 'us-east-1', stackName: 'test-local',
    functions: { http_request: { name: 'test-local-http_request', events: [] } },
    stack: {
      StackName: 'test-local',
      Outputs: [
        { OutputKey: 'UserPoolId', OutputValue: 'us-east-1_abcdefghi' },
        { OutputKey: 'ServiceEndpoint', OutputValue: 'https://r1.execute-api.us-east-1.amazonaws.com/local', LocalUrl: APIS[0].Stages[0].Url },
      ],
      Apis: [{ ...APIS[0], Routes: [APIS[0].Routes[0]] }],
    },
    endpoint: ENDPOINT,
  };
  assert.deepEqual(outputSections(args), [
    ['endpoint', 'GET - http://localhost:4566/restapis/r1/local/_user_request_/v1/request'],
    ['functions', ['http_request: test-local-http_request']],
    ['stack outputs', [
      'UserPoolId: us-east-1_abcdefghi',
      'ServiceEndpoint: https://r1.execute-api.us-east-1.amazonaws.com/local '
        + '(here: http://localhost:4566/restapis/r1/local/_user_request_)',
    ]],
    ['cfn-cognito', ENDPOINT],
  ]);
  assert.deepEqual(outputSections({ ...args, info: true }).slice(0, 4), [
    ['service', 'test'], ['stage', 'local'], ['region', 'us-east-1'], ['stack', 'test-local'],
  ]);
  const plain = outputSections({ ...args, stack: { Outputs: [] }, functions: {} });
  assert.deepEqual(plain, [['cfn-cognito', ENDPOINT]]);
});
