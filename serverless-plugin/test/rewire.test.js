'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { AWS_HOOKS, removeAwsHooks } = require('../lib/rewire');
const { fakeServerless, hooksOn } = require('./fake-serverless');

test('deploy keeps packaging and local validation, and loses every AWS step', () => {
  const serverless = fakeServerless();
  const { hooks } = serverless.pluginManager;
  hooks['before:aws:common:validate:validate'].push({ pluginName: 'DeploymentBucketPlugin' });
  hooks['after:deploy:deploy'].push({ pluginName: 'Prune' }, { pluginName: 'MyNotifier' });

  const removed = removeAwsHooks(hooks, 'deploy');

  assert.deepEqual(hooksOn(serverless, 'before:deploy:deploy'), ['Deploy', 'AwsDeploy']);
  assert.deepEqual(hooksOn(serverless, 'aws:common:validate:validate'), ['AwsCommon']);
  assert.deepEqual(hooksOn(serverless, 'before:aws:common:validate:validate'), []);
  assert.deepEqual(hooksOn(serverless, 'deploy:deploy'), []);
  assert.deepEqual(hooksOn(serverless, 'after:deploy:deploy'), ['Deploy', 'MyNotifier']);
  assert.deepEqual(hooksOn(serverless, 'deploy:finalize'), []);
  // The banners and the outputs are printed at `finalize`, which stays whole.
  assert.deepEqual(hooksOn(serverless, 'finalize'), ['AwsPackage', 'AwsDeploy', 'AwsInfo', 'AwsRemove']);
  assert.deepEqual(removed, [
    'before:aws:common:validate:validate: DeploymentBucketPlugin',
    'deploy:deploy: AwsDeploy',
    'deploy:deploy: AwsInfo',
    'after:deploy:deploy: AwsDeploy',
    'after:deploy:deploy: AwsCompileApigEvents',
    'after:deploy:deploy: Prune',
    'deploy:finalize: AwsDeploy',
  ]);
});

test('the lists the plugin manager holds are edited in place', () => {
  const serverless = fakeServerless();
  const held = serverless.pluginManager.hooks['deploy:deploy'];
  removeAwsHooks(serverless.pluginManager.hooks, 'deploy');
  assert.equal(serverless.pluginManager.hooks['deploy:deploy'], held);
  assert.deepEqual(held, []);
});

test('osls 4 deletion protection and pruning after deploy are removed', () => {
  const serverless = fakeServerless();
  const { hooks } = serverless.pluginManager;
  hooks['after:deploy:deploy'].push({ pluginName: 'AwsDeletionProtection' },
    { pluginName: 'AwsPrune' });
  removeAwsHooks(hooks, 'deploy');
  assert.deepEqual(hooksOn(serverless, 'after:deploy:deploy'), ['Deploy']);
});

test('info, remove and deploy function lose their AWS hooks only', () => {
  const info = fakeServerless({ commands: ['info'] });
  removeAwsHooks(info.pluginManager.hooks, 'info');
  assert.deepEqual(hooksOn(info, 'info:info'), []);
  assert.deepEqual(hooksOn(info, 'deploy:deploy'), ['AwsDeploy', 'AwsInfo']);

  const remove = fakeServerless({ commands: ['remove'] });
  removeAwsHooks(remove.pluginManager.hooks, 'remove');
  assert.deepEqual(hooksOn(remove, 'before:remove:remove'), []);
  assert.deepEqual(hooksOn(remove, 'remove:remove'), []);

  const single = fakeServerless({ commands: ['deploy', 'function'] });
  removeAwsHooks(single.pluginManager.hooks, 'deploy function');
  assert.deepEqual(hooksOn(single, 'before:deploy:function:initialize'), []);
  assert.deepEqual(hooksOn(single, 'deploy:function:deploy'), []);
});

test('commands with nothing to remove are left alone', () => {
  for (const command of ['package', 'invoke local', 'print']) {
    const serverless = fakeServerless({ commands: command.split(' ') });
    const before = JSON.stringify(serverless.pluginManager.hooks);
    assert.deepEqual(removeAwsHooks(serverless.pluginManager.hooks, command), []);
    assert.equal(JSON.stringify(serverless.pluginManager.hooks), before);
  }
});

test('the table names only lifecycle events of the commands it covers', () => {
  for (const [command, events] of Object.entries(AWS_HOOKS)) {
    const words = command.split(' ');
    for (const event of Object.keys(events)) {
      const bare = event.replace(/^(before|after):/, '');
      assert.ok(bare.startsWith(`${words.join(':')}:`) || bare.startsWith('aws:'),
        `${event} is not a ${command} event`);
    }
  }
});
