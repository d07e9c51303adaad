'use strict';

// The Serverless output sections (`endpoints:`, `functions:`, ...) for a stack deployed into
// cfn-cognito, from the CLI's JSON summary of the stack: its outputs (an output holding an API
// URL in AWS form carries the local one as LocalUrl) and its APIs as the local gateway serves
// them (stages with their URLs, routes).

// An HTTP API's catch-all route.
const DEFAULT_ROUTE = '$default';

/**
 * 'METHOD - URL' for each route of each stage of the stack's APIs. The URL is the
 * `/restapis/{apiId}/{stage}/_user_request_` form, which every HTTP client reaches (the
 * `{apiId}.execute-api.localhost` one needs a resolver that knows `*.localhost`).
 */
function endpointLines(apis) {
  const lines = [];
  for (const api of apis || []) {
    for (const stage of api.Stages || []) {
      for (const route of api.Routes || []) {
        const path = route.Path === DEFAULT_ROUTE || route.Path === '/' ? '' : route.Path;
        lines.push(`${route.Method} - ${stage.Url}${path}`);
      }
    }
  }
  return lines;
}

function outputLine(output) {
  const line = `${output.OutputKey}: ${output.OutputValue}`;
  return output.LocalUrl ? `${line} (here: ${output.LocalUrl})` : line;
}

/**
 * The output sections, in the order Serverless prints them: [[name, string | string[]]].
 * `stack` is the CLI's summary ({Outputs, Apis}); `functions` is {name: {name: deployed name}};
 * `info` adds the service/stage/region/stack lines that `serverless info` shows.
 */
function outputSections({ service, stage, region, stackName, functions, stack, endpoint,
  info = false }) {
  const sections = [];
  if (info) {
    sections.push(['service', service], ['stage', stage], ['region', region],
      ['stack', stackName]);
  }
  const endpoints = endpointLines(stack.Apis);
  if (endpoints.length === 1) sections.push(['endpoint', endpoints[0]]);
  if (endpoints.length > 1) sections.push(['endpoints', endpoints]);
  const deployed = Object.entries(functions || {})
    .map(([name, fn]) => `${name}: ${(fn && fn.name) || name}`);
  if (deployed.length) sections.push(['functions', deployed]);
  const outputs = (stack.Outputs || []).map(outputLine);
  if (outputs.length) sections.push(['stack outputs', outputs]);
  sections.push(['cfn-cognito', endpoint]);
  return sections;
}

module.exports = { endpointLines, outputSections };
