'use strict';

// The plugin as the CLIs drive it: constructed with the Serverless instance, its hooks
// registered in the plugin manager, `initialize`, then the command's lifecycle events.

const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { after, before, test } = require('node:test');

const ServerlessCfnCognito = require('..');
const { TEMPLATE_FILE } = require('../lib/manifest');
const { fakeCli, fakeService } = require('./fake-cfn-cognito');
const {
  ServerlessError, fakeServerless, hooksOn, loadHooks, recordingWriters,
} = require('./fake-serverless');

const OUTPUTS = [
  { OutputKey: 'UserPoolId', OutputValue: 'us-east-1_abcdefghi' },
  {
    OutputKey: 'ServiceEndpoint',
    OutputValue: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/local',
    LocalUrl: 'http://localhost:4566/restapis/a1b2c3d4e5/local/_user_request_',
  },
];
// What the CLI's JSON summary says of the stack's API.
const APIS = [{
  ApiId: 'a1b2c3d4e5',
  Name: 'local-test',
  Protocol: 'REST',
  Stages: [{ Stage: 'local', Url: OUTPUTS[1].LocalUrl }],
  Routes: [{ Method: 'GET', Path: '/v1/request', Authorization: 'COGNITO_USER_POOLS' }],
}];
const FUNCTIONS = {
  http_request: {
    name: 'test-local-http_request',
    events: [{ http: { path: 'v1/request', method: 'get' } }],
  },
};

let service;
before(async () => {
  service = await fakeService();
});
after(async () => {
  await service.close();
});

/** A packaged service whose plugin runs `cli` against the fake service. */
function setUp({ commands = ['deploy'], stage = 'local', cli, custom = {}, version } = {}) {
  const serverless = fakeServerless({
    commands,
    options: { stage },
    version,
    service: {
      custom: { cfnCognito: { endpoint: service.endpoint, command: cli && cli.command, ...custom } },
      functions: FUNCTIONS,
    },
  });
  const packageDir = path.join(serverless.serviceDir, '.serverless');
  fs.mkdirSync(packageDir);
  fs.writeFileSync(path.join(packageDir, TEMPLATE_FILE), JSON.stringify({ Resources: {} }));
  const { writers, lines, progress } = recordingWriters();
  const plugin = new ServerlessCfnCognito(serverless, { stage }, writers);
  loadHooks(serverless, plugin);
  return { serverless, plugin, lines, progress, packageDir };
}

/** The log lines shown without --verbose/--debug. */
function shown(lines) {
  return lines.filter((line) => !line.startsWith('debug: '));
}

/** Run the hooks registered on `event`, as the plugin manager does. */
async function invoke(serverless, event) {
  for (const { hook } of serverless.pluginManager.hooks[event] || []) await hook();
}

test('at another stage the plugin does nothing at all', () => {
  const { serverless, plugin } = setUp({ stage: 'dev' });
  assert.deepEqual(plugin.hooks, {});
  assert.equal(plugin.active, false);
  assert.deepEqual(hooksOn(serverless, 'deploy:deploy'), ['AwsDeploy', 'AwsInfo']);
  assert.equal(serverless.getProvider('aws').sdk.events.listenerCount('validate'), 0);
});

test('custom.cfnCognito.stages chooses the stages', () => {
  assert.equal(setUp({ stage: 'test', custom: { stages: ['local', 'test'] } }).plugin.active, true);
  assert.equal(setUp({ stage: 'local', custom: { stages: ['test'] } }).plugin.active, false);
});

test('a bad setting stops the local stage only', () => {
  assert.throws(() => setUp({ custom: { command: ' ' } }), (err) => {
    assert.equal(err.code, 'CFN_COGNITO_SETTINGS');
    assert.match(err.message, /^custom\.cfnCognito\.command is empty/);
    return true;
  });
  assert.equal(setUp({ stage: 'prod', custom: { command: ' ' } }).plugin.active, false);
});

test('the settings are declared to the configuration schema', () => {
  const { serverless } = setUp();
  const [schema] = serverless.configSchemaHandler.defined;
  assert.deepEqual(Object.keys(schema.properties), ['cfnCognito']);
  assert.equal(schema.properties.cfnCognito.additionalProperties, false);
});

test('the constructor answers STS locally, before any variable is resolved', async () => {
  const { serverless, plugin } = setUp();
  assert.equal(plugin.active, true);
  const identity = await serverless.getProvider('aws').request('STS', 'getCallerIdentity', {});
  assert.equal(identity.Account, '000000000000');
});

test('serverless 4 is refused at the local stage, and left alone at the others', () => {
  assert.throws(() => setUp({ version: '4.4.18' }), (err) => {
    assert.ok(err instanceof ServerlessError);
    assert.equal(err.code, 'CFN_COGNITO_UNSUPPORTED_FRAMEWORK');
    assert.match(err.message, /does not support Serverless Framework 4\.4\.18/);
    return true;
  });
  assert.equal(setUp({ version: '4.4.18', stage: 'prod' }).plugin.active, false);
});

test('initialize removes the AWS hooks, those of plugins loaded after this one too', async () => {
  const { serverless } = setUp();
  serverless.pluginManager.hooks['before:aws:common:validate:validate']
    .push({ pluginName: 'DeploymentBucketPlugin', hook: () => assert.fail('S3 was called') });
  await invoke(serverless, 'initialize');
  assert.deepEqual(hooksOn(serverless, 'deploy:deploy'), ['ServerlessCfnCognito']);
  assert.deepEqual(hooksOn(serverless, 'before:aws:common:validate:validate'), []);
  assert.deepEqual(hooksOn(serverless, 'deploy:finalize'), []);
  assert.deepEqual(hooksOn(serverless, 'before:deploy:deploy'), ['Deploy', 'AwsDeploy']);
});

test('deploy forwards the package to cfn-cognito and fills the output sections', async () => {
  const cli = fakeCli({
    deploy: {
      stderr: ['10:00:00  CREATE_COMPLETE  AWS::CloudFormation::Stack  test-local'],
      stdout: {
        StackName: 'test-local', StackStatus: 'CREATE_COMPLETE', Outputs: OUTPUTS, Apis: APIS,
      },
    },
  });
  const { serverless, lines, progress, packageDir } = setUp({ cli });
  await invoke(serverless, 'initialize');
  await invoke(serverless, 'deploy:deploy');

  assert.deepEqual(cli.calls(), [['deploy', path.join(packageDir, TEMPLATE_FILE), '--stack-name',
    'test-local', '--code-dir', packageDir, '--endpoint', service.endpoint, '--json']]);
  assert.deepEqual(shown(lines), [
    `Deploying stack test-local to cfn-cognito at ${service.endpoint}`,
    '10:00:00  CREATE_COMPLETE  AWS::CloudFormation::Stack  test-local',
  ]);
  assert.deepEqual(progress.created.map((p) => [p.message, p.removed]),
    [['Deploying to cfn-cognito', true]]);
  const sections = Object.fromEntries(serverless.serviceOutputs);
  assert.equal(sections.endpoint,
    'GET - http://localhost:4566/restapis/a1b2c3d4e5/local/_user_request_/v1/request');
  assert.deepEqual(sections.functions, ['http_request: test-local-http_request']);
  assert.deepEqual(sections['stack outputs'], [
    'UserPoolId: us-east-1_abcdefghi',
    `ServiceEndpoint: ${OUTPUTS[1].OutputValue} (here: ${OUTPUTS[1].LocalUrl})`,
  ]);
  assert.equal(sections.service, undefined);
});

test('a failed deploy fails the command with the stack status', async () => {
  const cli = fakeCli({
    deploy: {
      code: 1,
      stderr: ['cfn-cognito: UserPool: CREATE_FAILED: Invalid scope requested: x'],
      stdout: { StackName: 'test-local', StackStatus: 'ROLLBACK_COMPLETE', Outputs: [] },
    },
  });
  const { serverless, lines } = setUp({ cli });
  await invoke(serverless, 'initialize');
  await assert.rejects(invoke(serverless, 'deploy:deploy'), (err) => {
    assert.ok(err instanceof ServerlessError);
    assert.equal(err.message, 'cfn-cognito did not deploy stack test-local: the stack ended '
      + 'ROLLBACK_COMPLETE');
    return true;
  });
  assert.ok(lines.includes('cfn-cognito: UserPool: CREATE_FAILED: Invalid scope requested: x'));
  assert.equal(serverless.serviceOutputs.size, 0);
});

test('a template refused before anything is made fails with what cfn-cognito said', async () => {
  const cli = fakeCli({
    deploy: { code: 1, stderr: ['t.json:3:5: error: bad [E3002]', 'cfn-cognito: t.json: not deployed, 1 error in the template'] },
  });
  const { serverless } = setUp({ cli });
  await assert.rejects(invoke(serverless, 'deploy:deploy'),
    { message: 'cfn-cognito did not deploy stack test-local: t.json: not deployed, 1 error in the template' });
});

test('no service at the endpoint is one message naming the settings', async () => {
  const cli = fakeCli({});
  const { serverless } = setUp({ cli, custom: { endpoint: 'http://127.0.0.1:9' } });
  await assert.rejects(invoke(serverless, 'deploy:deploy'), (err) => {
    assert.equal(err.code, 'CFN_COGNITO_NOT_RUNNING');
    assert.match(err.message, /^no cfn-cognito service answers at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
    assert.match(err.message, /custom\.cfnCognito\.endpoint or CFN_COGNITO_ENDPOINT/);
    return true;
  });
  assert.deepEqual(cli.calls(), []);
});

test('a command that is not installed says how to get it', async () => {
  const { serverless } = setUp({ custom: { command: 'no-such-cfn-cognito-here' } });
  await assert.rejects(invoke(serverless, 'deploy:deploy'), (err) => {
    assert.equal(err.code, 'CFN_COGNITO_COMMAND');
    assert.match(err.message, /^cannot run `no-such-cfn-cognito-here`: no such command/);
    assert.match(err.message, /\.venv\/bin\/activate/);
    assert.doesNotMatch(err.message, /pip install cfn-cognito`/);
    return true;
  });
});

test('info prints the service, the local endpoints and the stack outputs', async () => {
  const cli = fakeCli({
    outputs: {
      stdout: {
        StackName: 'test-local', StackStatus: 'CREATE_COMPLETE', Outputs: OUTPUTS, Apis: APIS,
      },
    },
  });
  const { serverless } = setUp({ commands: ['info'], cli });
  await invoke(serverless, 'initialize');
  assert.deepEqual(hooksOn(serverless, 'info:info'), ['ServerlessCfnCognito']);
  await invoke(serverless, 'info:info');
  assert.deepEqual(cli.calls(), [['outputs', '--stack-name', 'test-local', '--endpoint',
    service.endpoint, '--json']]);
  const sections = [...serverless.serviceOutputs.keys()];
  assert.deepEqual(sections, ['service', 'stage', 'region', 'stack', 'endpoint', 'functions',
    'stack outputs', 'cfn-cognito']);
  assert.equal(serverless.serviceOutputs.get('stack'), 'test-local');
});

test('info of a stack that is not there fails with what cfn-cognito said', async () => {
  const cli = fakeCli({
    outputs: { code: 1, stderr: ['cfn-cognito: Stack with id test-local does not exist'] },
  });
  const { serverless } = setUp({ commands: ['info'], cli });
  await assert.rejects(invoke(serverless, 'info:info'), {
    message: `Stack with id test-local does not exist (cfn-cognito at ${service.endpoint})`,
  });
});

test('remove deletes the stack, streaming what cfn-cognito prints', async () => {
  const cli = fakeCli({ delete: { stdout: 'Stack test-local: DELETE_COMPLETE\n' } });
  const { serverless, lines } = setUp({ commands: ['remove'], cli });
  await invoke(serverless, 'initialize');
  assert.deepEqual(hooksOn(serverless, 'remove:remove'), ['ServerlessCfnCognito']);
  assert.deepEqual(hooksOn(serverless, 'before:remove:remove'), []);
  await invoke(serverless, 'remove:remove');
  assert.deepEqual(cli.calls(), [['delete', '--stack-name', 'test-local', '--endpoint',
    service.endpoint]]);
  assert.deepEqual(shown(lines), ['Stack test-local: DELETE_COMPLETE']);
});

test('deploy function is refused before anything is packaged or called', async () => {
  const cli = fakeCli({});
  const { serverless } = setUp({ commands: ['deploy', 'function'], cli });
  await invoke(serverless, 'initialize');
  assert.deepEqual(hooksOn(serverless, 'before:deploy:function:initialize'), ['ServerlessCfnCognito']);
  assert.deepEqual(hooksOn(serverless, 'deploy:function:deploy'), []);
  await assert.rejects(invoke(serverless, 'before:deploy:function:initialize'), (err) => {
    assert.equal(err.code, 'CFN_COGNITO_DEPLOY_FUNCTION_UNSUPPORTED');
    assert.match(err.message, /^`serverless deploy function` is not supported at stage local/);
    assert.match(err.message, /Run `serverless deploy --stage local` instead/);
    return true;
  });
  assert.deepEqual(cli.calls(), []);
});
