'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { describe, refusal } = require('../lib/framework');

test('serverless 3 and osls 3/4 are accepted', () => {
  assert.equal(refusal({ name: 'serverless', version: '3.40.0', major: 3 }), null);
  assert.equal(refusal({ name: 'osls', version: '3.77.1', major: 3 }), null);
  assert.equal(refusal({ name: 'osls', version: '4.3.1', major: 4 }), null);
});

test('serverless 4 is refused with what to use instead', () => {
  const message = refusal({ name: 'serverless', version: '4.4.18', major: 4 });
  assert.match(message, /^serverless-cfn-cognito does not support Serverless Framework 4\.4\.18/);
  assert.match(message, /osls@4/);
  assert.match(message, /serverless@3/);
});

test('serverless 2 (pulled in by a peer range) is refused with the npm fix', () => {
  const message = refusal({ name: 'serverless', version: '2.72.3', major: 2 });
  assert.match(message, /this is serverless 2\.72\.3/);
  assert.match(message, /--legacy-peer-deps/);
  assert.match(refusal({ name: 'osls', version: '5.0.0', major: 5 }), /osls 3\.x and 4\.x/);
});

test('the CLI is told apart by the package its entry script belongs to', () => {
  const plugin = describe({ version: '4.3.1' }, __filename);
  assert.deepEqual(plugin, { name: 'serverless-cfn-cognito', version: '4.3.1', major: 4 });
  assert.equal(describe({ version: '3.40.0' }, undefined).name, 'serverless');
});
