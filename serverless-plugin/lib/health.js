'use strict';

// Whether a cfn-cognito service answers at the endpoint, asked before any command is
// forwarded, so that a service that is not running is one clear message naming the setting.

const http = require('http');
const https = require('https');

const HEALTH_PATH = '/_cfn_cognito/health';

/** Resolves to null when the service answers, else to why not (a short phrase). */
function checkService(endpoint, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve) => {
    let url;
    try {
      url = new URL(`${endpoint}${HEALTH_PATH}`);
    } catch (err) {
      resolve(`${endpoint} is not a URL`);
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200 ? null : `it answered HTTP ${response.statusCode}`);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (err) => resolve(err.code || err.message));
  });
}

/** The message for a service that does not answer. */
function notRunning(endpoint, why) {
  return `no cfn-cognito service answers at ${endpoint} (${why}). Start one with `
    + '`cfn-cognito serve`, or point the plugin at yours with custom.cfnCognito.endpoint or '
    + 'CFN_COGNITO_ENDPOINT.';
}

module.exports = { HEALTH_PATH, checkService, notRunning };
