'use strict';

// The Serverless output sections (`endpoints:`, `functions:`, ...) for a stack deployed into
// cfn-cognito: the stack's outputs as they are, and the API endpoints at the local gateway.

// An API Gateway URL in AWS form, as the stack outputs give it (ServiceEndpoint, HttpApiUrl).
const AWS_API_URL = /^https:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?(\/[^?#]*)?$/;
// An HTTP API's default stage, which AWS serves at the root of the API's URL.
const DEFAULT_STAGE = '$default';

/**
 * The local gateway's URL for an API URL in AWS form (other values come back unchanged):
 * `{endpoint}/restapis/{apiId}/{stage}/_user_request_/{path}`, which any HTTP client reaches
 * (the `{apiId}.execute-api.localhost` form needs a resolver that knows `*.localhost`).
 * A URL with no stage in its path is an HTTP API's default stage.
 */
function localApiUrl(value, endpoint) {
  const match = AWS_API_URL.exec(String(value).trim());
  if (!match) return value;
  const [, apiId, path = ''] = match;
  const [stage, ...rest] = path.split('/').filter(Boolean);
  const base = `${endpoint}/restapis/${apiId}/${stage || DEFAULT_STAGE}/_user_request_`;
  return rest.length ? `${base}/${rest.join('/')}` : base;
}

function outputsByKey(outputs) {
  const byKey = {};
  for (const o of outputs || []) byKey[o.OutputKey] = o.OutputValue;
  return byKey;
}

function httpRoute(http) {
  if (typeof http === 'string') {
    const [method, path] = http.trim().split(/\s+/);
    return { method, path };
  }
  return { method: http.method, path: http.path };
}

function joinPath(base, path) {
  const clean = String(path || '').split('/').filter(Boolean).join('/');
  return clean ? `${base}/${clean}` : base;
}

/**
 * 'METHOD - URL' for each http (REST) and httpApi event of the service's functions, at the
 * local gateway. `functions` is {name: {events: [...]}}; `outputs` the stack's outputs.
 */
function endpointLines(functions, outputs, endpoint) {
  const byKey = outputsByKey(outputs);
  const rest = byKey.ServiceEndpoint && localApiUrl(byKey.ServiceEndpoint, endpoint);
  const httpApi = byKey.HttpApiUrl && localApiUrl(byKey.HttpApiUrl, endpoint);
  const lines = [];
  for (const fn of Object.values(functions || {})) {
    for (const event of (fn && fn.events) || []) {
      if (event.http && rest) {
        const { method, path } = httpRoute(event.http);
        lines.push(`${String(method || 'ANY').toUpperCase()} - ${joinPath(rest, path)}`);
      } else if (event.httpApi && httpApi) {
        const route = event.httpApi === '*' ? { method: '*', path: '' } : httpRoute(event.httpApi);
        const method = route.method === '*' ? 'ANY' : String(route.method || 'ANY').toUpperCase();
        lines.push(`${method} - ${joinPath(httpApi, route.path)}`);
      }
    }
  }
  return lines;
}

/**
 * The output sections, in the order Serverless prints them: [[name, string | string[]]].
 * `info` adds the service/stage/region/stack lines that `serverless info` shows.
 */
function outputSections({ service, stage, region, stackName, functions, outputs, endpoint,
  info = false }) {
  const sections = [];
  if (info) {
    sections.push(['service', service], ['stage', stage], ['region', region],
      ['stack', stackName]);
  }
  const endpoints = endpointLines(functions, outputs, endpoint);
  if (endpoints.length === 1) sections.push(['endpoint', endpoints[0]]);
  if (endpoints.length > 1) sections.push(['endpoints', endpoints]);
  const deployed = Object.entries(functions || {})
    .map(([name, fn]) => `${name}: ${(fn && fn.name) || name}`);
  if (deployed.length) sections.push(['functions', deployed]);
  const shown = (outputs || []).map((o) => `${o.OutputKey}: ${o.OutputValue}`);
  if (shown.length) sections.push(['stack outputs', shown]);
  sections.push(['cfn-cognito', endpoint]);
  return sections;
}

module.exports = { endpointLines, localApiUrl, outputSections };
