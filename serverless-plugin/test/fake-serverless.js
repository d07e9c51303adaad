'use strict';

// A stand-in for the Serverless instance a plugin receives, shaped as serverless 3 and osls
// build it: the plugin manager's hook table (`{event: [{pluginName, hook}]}`, filled as
// PluginManager.loadHooks does), the AWS provider with its SDK seams, the output sections.

const EventEmitter = require('events');
const fs = require('fs');
const os = require('os');
const path = require('path');

class ServerlessError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/** The hooks core plugins register, by plugin class name (as measured on serverless 3.40). */
const CORE_HOOKS = {
  'initialize': ['AwsProvider', 'AwsPackage', 'AwsDeploy', 'AwsRemove'],
  'package:finalize': ['AwsPackage'],
  'before:deploy:deploy': ['Deploy', 'AwsDeploy'],
  'before:aws:common:validate:validate': [],
  'aws:common:validate:validate': ['AwsCommon'],
  'deploy:deploy': ['AwsDeploy', 'AwsInfo'],
  'after:deploy:deploy': ['Deploy', 'AwsDeploy', 'AwsCompileApigEvents'],
  'deploy:finalize': ['AwsDeploy'],
  'info:info': ['AwsInfo'],
  'before:remove:remove': ['AwsCompileApigEvents', 'AwsCompileCloudFrontEvents'],
  'remove:remove': ['AwsRemove'],
  'before:deploy:function:initialize': ['AwsDeployFunction'],
  'deploy:function:initialize': ['AwsDeployFunction'],
  'deploy:function:deploy': ['AwsDeployFunction'],
  'finalize': ['AwsPackage', 'AwsDeploy', 'AwsInfo', 'AwsRemove'],
};

function awsProvider(serverless, options, { sdkV2 = true, sdkV3 = false } = {}) {
  const provider = {
    calls: [],
    getStage: () => options.stage || serverless.service.provider.stage || 'dev',
    getRegion: () => options.region || serverless.service.provider.region || 'us-east-1',
    naming: {
      getStackName: () => serverless.service.provider.stackName
        || `${serverless.service.service}-${provider.getStage()}`,
    },
    async request(service, method) {
      provider.calls.push(`${service}.${method}`);
      throw new Error('this would have called AWS');
    },
  };
  if (sdkV2) provider.sdk = { events: new EventEmitter() };
  if (sdkV3) {
    provider.getAwsSdkV3Config = async (opts = {}) => ({
      region: opts.region || provider.getRegion(),
      credentials: opts.credentials || 'the default chain',
    });
  }
  if (!sdkV2) {
    // osls 4: the AWS SDK v2 surface is a getter that throws.
    Object.defineProperty(provider, 'sdk', {
      get() {
        throw new Error('provider.sdk was removed');
      },
    });
  }
  return provider;
}

/**
 * A Serverless instance for `commands` (e.g. ['deploy']) with the core hooks registered.
 * `service` overrides the service's fields; `providerKind` picks the SDK seams.
 */
function fakeServerless({ commands = ['deploy'], options = { stage: 'local' }, service = {},
  version = '3.40.0', providerKind = {}, serviceDir } = {}) {
  const hooks = {};
  const serverless = {
    version,
    serviceDir: serviceDir || fs.mkdtempSync(path.join(os.tmpdir(), 'sls-service-')),
    processedInput: { commands, options },
    pluginManager: { hooks },
    serviceOutputs: new Map(),
    classes: { Error: ServerlessError },
    configSchemaHandler: {
      defined: [],
      defineCustomProperties(schema) {
        this.defined.push(schema);
      },
    },
    service: {
      service: 'test',
      provider: { name: 'aws', stage: 'dev', region: 'us-east-1' },
      custom: undefined,
      package: {},
      functions: {},
      getAllFunctions() {
        return Object.keys(this.functions);
      },
      getFunction(name) {
        return this.functions[name];
      },
      ...service,
    },
  };
  const provider = awsProvider(serverless, options, providerKind);
  serverless.getProvider = (name) => (name === 'aws' ? provider : undefined);
  for (const [event, names] of Object.entries(CORE_HOOKS)) {
    hooks[event] = names.map((pluginName) => ({ pluginName, hook: () => `${pluginName} ran` }));
  }
  return serverless;
}

/** Register a plugin instance's hooks as PluginManager.loadHooks does. */
function loadHooks(serverless, plugin) {
  const { hooks } = serverless.pluginManager;
  for (const [event, hook] of Object.entries(plugin.hooks || {})) {
    hooks[event] = hooks[event] || [];
    hooks[event].push({ pluginName: plugin.constructor.name, hook });
  }
}

/** The plugin names whose hooks on `event` would run, in order. */
function hooksOn(serverless, event) {
  return (serverless.pluginManager.hooks[event] || []).map((entry) => entry.pluginName);
}

/** Log writers that keep what they are given. */
function recordingWriters() {
  const lines = [];
  const log = (line) => lines.push(line);
  log.debug = (line) => lines.push(`debug: ${line}`);
  const progress = {
    created: [],
    create({ message }) {
      const item = { message, removed: false, remove() { item.removed = true; } };
      this.created.push(item);
      return item;
    },
  };
  return { writers: { log, progress }, lines, progress };
}

module.exports = {
  CORE_HOOKS,
  ServerlessError,
  fakeServerless,
  hooksOn,
  loadHooks,
  recordingWriters,
};
