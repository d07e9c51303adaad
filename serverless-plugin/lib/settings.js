'use strict';

// The plugin's settings: `custom.cfnCognito` in serverless.yml, then the environment the
// cfn-cognito CLI itself reads, then the defaults.

const DEFAULT_STAGES = ['local'];
const DEFAULT_ENDPOINT = 'http://localhost:4566';
const DEFAULT_COMMAND = 'cfn-cognito';
// The account cfn-cognito serves (its --account-id / CFN_COGNITO_ACCOUNT_ID setting).
const DEFAULT_ACCOUNT_ID = '000000000000';

// JSON schema of `custom.cfnCognito`, so Serverless reports a misspelt or mistyped setting.
const SCHEMA = {
  type: 'object',
  properties: {
    stages: {
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    endpoint: { type: 'string' },
    command: {
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
    },
  },
  additionalProperties: false,
};

class SettingsError extends Error {}

function asList(value) {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function commandLine(value) {
  if (value === undefined || value === null) return [DEFAULT_COMMAND];
  const argv = Array.isArray(value)
    ? value.map(String)
    : String(value).trim().split(/\s+/).filter(Boolean);
  if (!argv.length || !argv[0]) {
    throw new SettingsError('custom.cfnCognito.command is empty: give the cfn-cognito command, '
      + 'e.g. "cfn-cognito" or ".venv/bin/cfn-cognito"');
  }
  return argv;
}

function ownSettings(custom) {
  return (custom && custom.cfnCognito) || {};
}

/** The stages the plugin acts for; `custom` is the service's `custom` section. */
function stagesOf(custom) {
  return asList(ownSettings(custom).stages) || DEFAULT_STAGES;
}

/**
 * The settings of a service: {stages, endpoint, command (argv list), accountId}.
 * `custom` is the service's resolved `custom` section, `env` the process environment.
 */
function readSettings(custom, env) {
  const own = ownSettings(custom);
  const endpoint = own.endpoint || env.CFN_COGNITO_ENDPOINT || DEFAULT_ENDPOINT;
  return {
    stages: stagesOf(custom),
    endpoint: String(endpoint).replace(/\/+$/, ''),
    command: commandLine(own.command),
    accountId: env.CFN_COGNITO_ACCOUNT_ID || DEFAULT_ACCOUNT_ID,
  };
}

/** Whether the plugin acts for this stage, given its stages. */
function isActive(stages, stage) {
  return stages.includes(String(stage));
}

module.exports = {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_ENDPOINT,
  SCHEMA,
  SettingsError,
  isActive,
  readSettings,
  stagesOf,
};
