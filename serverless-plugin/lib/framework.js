'use strict';

// Which CLI loaded the plugin, and whether it is one the plugin works with: serverless 3.x and
// osls 3.x/4.x run offline; serverless 4.x cannot (its npm package downloads a binary that
// demands a login or licence), and serverless 2.x is what npm installs into a service when
// serverless-pseudo-parameters' peer range (serverless 1 || 2) is honoured.

const fs = require('fs');
const path = require('path');

/** The name of the npm package holding `file` (the nearest package.json up from it). */
function packageNameOf(file) {
  if (!file) return undefined;
  let dir = path.dirname(file);
  for (;;) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (manifest.name) return manifest.name;
    } catch (err) {
      // no (readable) package.json here: look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** {name, version, major} of the running CLI; name is 'osls', 'serverless' or another package. */
function describe(serverless, mainFile) {
  const version = String((serverless && serverless.version) || '0');
  return {
    name: packageNameOf(mainFile) || 'serverless',
    version,
    major: Number.parseInt(version, 10) || 0,
  };
}

/** Why this CLI is refused, or null when the plugin works with it. */
function refusal(framework) {
  const { name, version, major } = framework;
  if (name === 'osls') {
    if (major === 3 || major === 4) return null;
    return `serverless-cfn-cognito works with osls 3.x and 4.x; this is osls ${version}.`;
  }
  if (major === 3) return null;
  if (major >= 4) {
    return `serverless-cfn-cognito does not support Serverless Framework ${version}: v4 needs `
      + 'a login or licence and the network. Use osls 4 (`npm install --save-dev osls@4`, then '
      + '`npx osls deploy --stage local`) or serverless 3 (`npm install --save-dev serverless@3`).';
  }
  return `serverless-cfn-cognito works with serverless 3.x and osls 3.x/4.x; this is serverless `
    + `${version}. If serverless-pseudo-parameters pulled it into node_modules (it asks for `
    + 'serverless 1 || 2), reinstall with `npm install --legacy-peer-deps`.';
}

module.exports = { describe, packageNameOf, refusal };
