'use strict';

const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { test } = require('node:test');

const {
  ManifestError, TEMPLATE_FILE, artifactsOf, buildManifest, deleteArgv, outputsArgv,
} = require('../lib/manifest');

// Templates as `serverless package` writes them (serverless 3.40 and osls 4.3).
const FIXTURES = path.join(__dirname, '..', '..', 'tests', 'fixtures', 'serverless');

function packaged(template, zips) {
  const serviceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sls-service-'));
  const packageDir = path.join(serviceDir, '.serverless');
  fs.mkdirSync(packageDir);
  fs.writeFileSync(path.join(packageDir, TEMPLATE_FILE), JSON.stringify(template));
  for (const zip of zips) fs.writeFileSync(path.join(packageDir, zip), 'PK');
  return { serviceDir, packageDir };
}

const SETTINGS = { command: ['cfn-cognito'], endpoint: 'http://localhost:4566' };

function service(serviceDir, extra = {}) {
  return { serviceDir, stackName: 'test-local', stage: 'local', region: 'us-east-1', ...extra };
}

test('the zips come from Code.S3Key, by their file name', () => {
  const template = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'v3-basic-update-stack.json')));
  assert.deepEqual(artifactsOf(template), [
    { logicalId: 'HttpUnderscorerequestLambdaFunction', file: 'test.zip' },
  ]);
  const variant = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'osls4-variant-update-stack.json')));
  const files = new Set(artifactsOf(variant).map((a) => a.file));
  assert.equal(files.size, 1);
  assert.ok(artifactsOf(variant).length >= 4);
});

test('the manifest forwards the packaged template and .serverless to cfn-cognito deploy', () => {
  const template = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'v3-basic-update-stack.json')));
  const { serviceDir, packageDir } = packaged(template, ['test.zip']);

  const manifest = buildManifest(service(serviceDir), SETTINGS);

  const file = path.join(packageDir, TEMPLATE_FILE);
  assert.equal(manifest.template, file);
  assert.equal(manifest.packageDir, packageDir);
  assert.equal(manifest.stackName, 'test-local');
  assert.deepEqual(manifest.argv, ['cfn-cognito', 'deploy', file, '--stack-name', 'test-local',
    '--code-dir', packageDir, '--endpoint', 'http://localhost:4566', '--json']);
});

test('a --package directory is used as it is given', () => {
  const { serviceDir } = packaged({ Resources: {} }, []);
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'sls-artifacts-'));
  fs.writeFileSync(path.join(elsewhere, TEMPLATE_FILE), '{"Resources": {}}');
  const manifest = buildManifest(service(serviceDir, { packagePath: elsewhere }),
    { ...SETTINGS, command: ['python', '-m', 'cfn_cognito'] });
  assert.equal(manifest.packageDir, elsewhere);
  assert.deepEqual(manifest.argv.slice(0, 4), ['python', '-m', 'cfn_cognito', 'deploy']);
});

test('a missing zip is named before anything is deployed', () => {
  const template = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'v3-basic-update-stack.json')));
  const { serviceDir, packageDir } = packaged(template, []);
  assert.throws(() => buildManifest(service(serviceDir), SETTINGS), (err) => {
    assert.ok(err instanceof ManifestError);
    assert.equal(err.message, `the packaged code is not in ${packageDir}: test.zip `
      + '(HttpUnderscorerequestLambdaFunction)');
    return true;
  });
});

test('a service that was not packaged says where the template should be', () => {
  const serviceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sls-service-'));
  const file = path.join(serviceDir, '.serverless', TEMPLATE_FILE);
  assert.throws(() => buildManifest(service(serviceDir), SETTINGS),
    { message: `cannot read the packaged template ${file}: it does not exist` });
});

test('outputs and delete name the stack and the endpoint', () => {
  assert.deepEqual(outputsArgv(SETTINGS, 'test-local'), ['cfn-cognito', 'outputs',
    '--stack-name', 'test-local', '--endpoint', 'http://localhost:4566', '--json']);
  assert.deepEqual(deleteArgv(SETTINGS, 'test-local'), ['cfn-cognito', 'delete',
    '--stack-name', 'test-local', '--endpoint', 'http://localhost:4566']);
});
