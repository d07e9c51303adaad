'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const {
  SettingsError, isActive, readSettings, stagesOf,
} = require('../lib/settings');

test('defaults: stage local, localhost:4566, cfn-cognito on PATH, the default account', () => {
  const settings = readSettings(undefined, {});
  assert.deepEqual(settings, {
    stages: ['local'], endpoint: 'http://localhost:4566', command: ['cfn-cognito'],
    accountId: '000000000000',
  });
  assert.ok(isActive(settings.stages, 'local'));
  assert.ok(!isActive(settings.stages, 'dev'));
  assert.ok(!isActive(stagesOf({ cfnCognito: { stages: ['test'] } }), 'local'));
  assert.ok(isActive(stagesOf({ cfnCognito: { stages: 'test' } }), 'test'));
});

test('custom.cfnCognito wins over the environment, which wins over the defaults', () => {
  const env = { CFN_COGNITO_ENDPOINT: 'http://127.0.0.1:9000/', CFN_COGNITO_ACCOUNT_ID: '111122223333' };
  assert.equal(readSettings({}, env).endpoint, 'http://127.0.0.1:9000');
  assert.equal(readSettings({}, env).accountId, '111122223333');
  const custom = {
    cfnCognito: { stages: 'test', endpoint: 'http://cognito:4566', command: '.venv/bin/cfn-cognito --quiet' },
  };
  const settings = readSettings(custom, env);
  assert.deepEqual(settings.stages, ['test']);
  assert.equal(settings.endpoint, 'http://cognito:4566');
  assert.deepEqual(settings.command, ['.venv/bin/cfn-cognito', '--quiet']);
  assert.deepEqual(readSettings({ cfnCognito: { command: ['python', '-m', 'cfn_cognito'] } }, {})
    .command, ['python', '-m', 'cfn_cognito']);
});

test('an empty command is refused by name', () => {
  assert.throws(() => readSettings({ cfnCognito: { command: '  ' } }, {}), (err) => {
    assert.ok(err instanceof SettingsError);
    assert.match(err.message, /^custom\.cfnCognito\.command is empty/);
    return true;
  });
});
