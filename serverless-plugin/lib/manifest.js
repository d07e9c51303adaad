'use strict';

// What `deploy` hands to cfn-cognito: the packaged template, the directory of the zips it names,
// the stack name, and the command line that deploys them.

const fs = require('fs');
const path = require('path');

const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';

class ManifestError extends Error {}

/** The zip files the template's functions name (`Code.S3Key`'s last segment), by logical id. */
function artifactsOf(template) {
  const artifacts = [];
  for (const [logicalId, resource] of Object.entries((template && template.Resources) || {})) {
    if (!resource || resource.Type !== 'AWS::Lambda::Function') continue;
    const key = resource.Properties && resource.Properties.Code && resource.Properties.Code.S3Key;
    if (typeof key === 'string' && key) {
      artifacts.push({ logicalId, file: key.split('/').pop() });
    }
  }
  return artifacts;
}

/**
 * The deploy manifest: {stackName, stage, region, packageDir, template, endpoint, artifacts,
 * argv}. `service` is what the CLI resolved: {serviceDir, packagePath, stackName, stage,
 * region}; `settings` comes from settings.readSettings. Reads the template; a missing template
 * or zip is a ManifestError naming it.
 */
function buildManifest(service, settings) {
  const packageDir = path.resolve(service.serviceDir,
    service.packagePath || path.join(service.serviceDir, '.serverless'));
  const template = path.join(packageDir, TEMPLATE_FILE);
  let body;
  try {
    body = JSON.parse(fs.readFileSync(template, 'utf8'));
  } catch (err) {
    const why = err.code === 'ENOENT' ? 'it does not exist' : err.message;
    throw new ManifestError(`cannot read the packaged template ${template}: ${why}`);
  }
  const artifacts = artifactsOf(body);
  const missing = artifacts.filter((a) => !fs.existsSync(path.join(packageDir, a.file)));
  if (missing.length) {
    const names = missing.map((a) => `${a.file} (${a.logicalId})`).join(', ');
    throw new ManifestError(`the packaged code is not in ${packageDir}: ${names}`);
  }
  return {
    stackName: service.stackName,
    stage: service.stage,
    region: service.region,
    packageDir,
    template,
    endpoint: settings.endpoint,
    artifacts,
    argv: [...settings.command, 'deploy', template, '--stack-name', service.stackName,
      '--code-dir', packageDir, '--endpoint', settings.endpoint, '--json'],
  };
}

/** The command lines of the other forwarded commands. */
function outputsArgv(settings, stackName) {
  return [...settings.command, 'outputs', '--stack-name', stackName,
    '--endpoint', settings.endpoint, '--json'];
}

function deleteArgv(settings, stackName) {
  return [...settings.command, 'delete', '--stack-name', stackName,
    '--endpoint', settings.endpoint];
}

module.exports = {
  ManifestError,
  TEMPLATE_FILE,
  artifactsOf,
  buildManifest,
  deleteArgv,
  outputsArgv,
};
