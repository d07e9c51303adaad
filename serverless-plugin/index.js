'use strict';

// serverless-cfn-cognito: `serverless deploy --stage local` packages the service as usual, then
// deploys the packaged template and zips into a local cfn-cognito service instead of AWS.
// For the stages in custom.cfnCognito.stages (default [local]) it
//  - answers AWS SDK calls locally (constructor, before variables resolve): see offline-aws.js;
//  - removes the lifecycle hooks that would call AWS (at `initialize`, once every plugin has
//    registered its hooks): see rewire.js;
//  - forwards deploy / info / remove to the cfn-cognito CLI, and refuses `deploy function`.
// For any other stage it does nothing.

const framework = require('./lib/framework');
const { checkService, notRunning } = require('./lib/health');
const { deleteArgv, buildManifest, ManifestError, outputsArgv } = require('./lib/manifest');
const { installOffline } = require('./lib/offline-aws');
const { removeAwsHooks } = require('./lib/rewire');
const { CliError, runCli } = require('./lib/run-cli');
const { outputSections } = require('./lib/sections');
const {
  SCHEMA, SettingsError, isActive, readSettings, stagesOf,
} = require('./lib/settings');

const PLUGIN_NAME = 'serverless-cfn-cognito';

class ServerlessCfnCognito {
  constructor(serverless, options = {}, writers = {}) {
    this.serverless = serverless;
    this.options = options;
    this.log = writers.log || fallbackLog();
    this.progress = writers.progress;
    this.hooks = {};
    this.active = false;

    if (serverless.configSchemaHandler
      && typeof serverless.configSchemaHandler.defineCustomProperties === 'function') {
      serverless.configSchemaHandler.defineCustomProperties({
        properties: { cfnCognito: SCHEMA },
      });
    }
    this.provider = serverless.getProvider && serverless.getProvider('aws');
    if (!this.provider) return;

    this.stage = this.provider.getStage();
    if (!isActive(stagesOf(serverless.service.custom), this.stage)) return;

    const refusal = framework.refusal(framework.describe(serverless,
      require.main && require.main.filename));
    if (refusal) throw this.error(refusal, 'CFN_COGNITO_UNSUPPORTED_FRAMEWORK');

    this.settings = this.readSettings();
    this.active = true;
    this.offlineSeams = installOffline(this.provider, this.settings.accountId);
    this.hooks = {
      'initialize': () => this.rewire(),
      'deploy:deploy': () => this.deploy(),
      'info:info': () => this.info(),
      'remove:remove': () => this.remove(),
      'before:deploy:function:initialize': () => this.refuseDeployFunction(),
    };
  }

  error(message, code = 'CFN_COGNITO_ERROR') {
    const ServerlessError = (this.serverless.classes && this.serverless.classes.Error) || Error;
    return new ServerlessError(message, code);
  }

  readSettings() {
    try {
      return readSettings(this.serverless.service.custom, process.env);
    } catch (err) {
      if (err instanceof SettingsError) throw this.error(err.message, 'CFN_COGNITO_SETTINGS');
      throw err;
    }
  }

  command() {
    const input = this.serverless.processedInput || {};
    return (input.commands || []).join(' ');
  }

  /** Every plugin is loaded and the configuration resolved: drop the AWS hooks. */
  rewire() {
    this.settings = this.readSettings();
    const removed = removeAwsHooks(this.serverless.pluginManager.hooks, this.command());
    if (removed.length && this.log.debug) {
      this.log.debug(`${PLUGIN_NAME}: removed AWS hooks ${removed.join(', ')}`);
    }
  }

  service() {
    const { service } = this.serverless;
    return {
      name: service.service,
      serviceDir: this.serverless.serviceDir || process.cwd(),
      packagePath: this.options.package || (service.package && service.package.path),
      stackName: this.provider.naming.getStackName(),
      stage: this.provider.getStage(),
      region: this.provider.getRegion(),
    };
  }

  /** Run the cfn-cognito CLI, its progress shown as plugin log lines. */
  async run(argv, { captureStdout = false, message } = {}) {
    const why = await checkService(this.settings.endpoint);
    if (why) throw this.error(notRunning(this.settings.endpoint, why), 'CFN_COGNITO_NOT_RUNNING');
    const progress = message && this.progress && this.progress.create
      ? this.progress.create({ message }) : null;
    try {
      return await runCli(argv, { captureStdout, emit: (line) => this.log(line) });
    } catch (err) {
      if (err instanceof CliError) throw this.error(err.message, 'CFN_COGNITO_COMMAND');
      throw err;
    } finally {
      if (progress) progress.remove();
    }
  }

  async deploy() {
    const service = this.service();
    let manifest;
    try {
      manifest = buildManifest(service, this.settings);
    } catch (err) {
      if (err instanceof ManifestError) throw this.error(err.message, 'CFN_COGNITO_PACKAGE');
      throw err;
    }
    this.log(`Deploying stack ${manifest.stackName} to cfn-cognito at ${manifest.endpoint}`);
    const result = await this.run(manifest.argv, {
      captureStdout: true, message: 'Deploying to cfn-cognito',
    });
    const summary = parseJson(result.stdout);
    if (result.code !== 0 || !summary) {
      const why = summary ? `the stack ended ${summary.StackStatus}` : lastLine(result);
      throw this.error(`cfn-cognito did not deploy stack ${manifest.stackName}: ${why}`,
        'CFN_COGNITO_DEPLOY_FAILED');
    }
    this.showSections(service, summary, false);
  }

  async info() {
    const service = this.service();
    const result = await this.run(outputsArgv(this.settings, service.stackName),
      { captureStdout: true });
    const summary = parseJson(result.stdout);
    if (result.code !== 0 || !summary) {
      throw this.error(`${lastLine(result)} (cfn-cognito at ${this.settings.endpoint})`,
        'CFN_COGNITO_INFO_FAILED');
    }
    this.showSections(service, summary, true);
  }

  async remove() {
    const service = this.service();
    const result = await this.run(deleteArgv(this.settings, service.stackName),
      { message: 'Removing the stack from cfn-cognito' });
    if (result.code !== 0) {
      throw this.error(`cfn-cognito did not delete stack ${service.stackName}: ${lastLine(result)}`,
        'CFN_COGNITO_REMOVE_FAILED');
    }
  }

  refuseDeployFunction() {
    throw this.error(`\`serverless deploy function\` is not supported at stage ${this.stage}: `
      + 'cfn-cognito deploys whole stacks. Run `serverless deploy --stage '
      + `${this.stage}\` instead (unchanged resources are left as they are).`,
    'CFN_COGNITO_DEPLOY_FUNCTION_UNSUPPORTED');
  }

  /** Fill the output sections the CLI prints at the end (the `finalize` banners). */
  showSections(service, stack, info) {
    const functions = {};
    for (const name of this.serverless.service.getAllFunctions()) {
      functions[name] = this.serverless.service.getFunction(name);
    }
    const sections = outputSections({
      service: service.name,
      stage: service.stage,
      region: service.region,
      stackName: service.stackName,
      functions,
      stack,
      endpoint: this.settings.endpoint,
      info,
    });
    for (const [name, content] of sections) this.serverless.serviceOutputs.set(name, content);
  }
}

function parseJson(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : null;
  } catch (err) {
    return null;
  }
}

/** What the command said last (its error line), else how it ended. */
function lastLine(result) {
  const line = result.lastLines[result.lastLines.length - 1];
  return line ? line.replace(/^cfn-cognito: /, '') : `cfn-cognito exited with ${result.code}`;
}

function fallbackLog() {
  const log = (line) => process.stderr.write(`${line}\n`);
  log.debug = () => {};
  return log;
}

module.exports = ServerlessCfnCognito;
