'use strict';

// The lifecycle hooks that would call AWS, by command: lifecycle event -> the plugins (by class
// name, as the plugin manager records them) whose hooks on that event are removed. Packaging,
// the local validation in `before:deploy:deploy`, and the banners printed at `finalize` stay.
// Measured on serverless 3.40, osls 3.77 and osls 4.3 (see the package README).

const AWS_HOOKS = {
  deploy: {
    // Third-party checks spawned by AwsDeploy's `before:deploy:deploy` (S3 bucket calls).
    'before:aws:common:validate:validate': ['DeploymentBucketPlugin'],
    // Stack create/update, artifact uploads, then AwsInfo's DescribeStacks.
    'deploy:deploy': ['AwsDeploy', 'AwsInfo'],
    // API Gateway account/tag calls, deletion protection, version pruning.
    'after:deploy:deploy': ['AwsDeploy', 'AwsCompileApigEvents', 'AwsDeletionProtection',
      'AwsPrune', 'Prune'],
    // Old artifacts removed from the deployment bucket.
    'deploy:finalize': ['AwsDeploy'],
  },
  info: {
    'info:info': ['AwsInfo'],
  },
  remove: {
    // API Gateway and CloudFront look up what they must detach first.
    'before:remove:remove': ['AwsCompileApigEvents', 'AwsCompileCloudFrontEvents'],
    'remove:remove': ['AwsRemove'],
  },
  'deploy function': {
    'before:deploy:function:initialize': ['AwsDeployFunction'],
    'deploy:function:initialize': ['AwsDeployFunction'],
    'before:deploy:function:packageFunction': ['AwsDeployFunction'],
    'deploy:function:packageFunction': ['AwsDeployFunction'],
    'before:deploy:function:deploy': ['AwsDeployFunction'],
    'deploy:function:deploy': ['AwsDeployFunction'],
  },
};

/**
 * Remove from the plugin manager's hook table (`{event: [{pluginName, hook}]}`) the AWS hooks
 * of `command`. The manager reads the table when it invokes a lifecycle event, so a hook
 * removed before then never runs. Returns the removed hooks as 'event: PluginName' strings.
 */
function removeAwsHooks(hooks, command, table = AWS_HOOKS) {
  const removed = [];
  for (const [event, pluginNames] of Object.entries(table[command] || {})) {
    const registered = hooks[event] || [];
    const kept = registered.filter((entry) => !pluginNames.includes(entry.pluginName));
    for (const entry of registered) {
      if (!kept.includes(entry)) removed.push(`${event}: ${entry.pluginName}`);
    }
    // In place: the table's lists are the ones the manager will read.
    registered.splice(0, registered.length, ...kept);
  }
  return removed;
}

module.exports = { AWS_HOOKS, removeAwsHooks };
