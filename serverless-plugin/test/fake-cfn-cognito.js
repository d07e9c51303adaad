'use strict';

// A stand-in for the cfn-cognito CLI and its service, on loopback only: the CLI is a script
// that records its arguments and answers as told; the service answers the health check.

const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const SCRIPT = `
const fs = require('fs');
const path = require('path');
const dir = ${JSON.stringify('DIR')};
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify(args) + '\\n');
const answers = JSON.parse(fs.readFileSync(path.join(dir, 'answers.json'), 'utf8'));
const answer = answers[args[0]] || { code: 2, stderr: ['unknown command ' + args[0]] };
for (const line of answer.stderr || []) process.stderr.write(line + '\\n');
if (answer.stdout !== undefined) {
  process.stdout.write(typeof answer.stdout === 'string' ? answer.stdout : JSON.stringify(answer.stdout));
}
process.exitCode = answer.code || 0;
`;

/**
 * A fake CLI answering with `answers` ({deploy|outputs|delete: {code, stderr: [lines],
 * stdout}}). Returns {command (argv list), calls() (the argument lists it was run with)}.
 */
function fakeCli(answers) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-cfn-cognito-'));
  const script = path.join(dir, 'cfn-cognito.js');
  fs.writeFileSync(script, SCRIPT.replace(JSON.stringify('DIR'), JSON.stringify(dir)));
  fs.writeFileSync(path.join(dir, 'answers.json'), JSON.stringify(answers));
  return {
    command: [process.execPath, script],
    calls() {
      const file = path.join(dir, 'calls.jsonl');
      if (!fs.existsSync(file)) return [];
      return fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    },
  };
}

/** A service answering GET /_cfn_cognito/health on a free loopback port: {endpoint, close}. */
async function fakeService() {
  const server = http.createServer((request, response) => {
    const healthy = request.url === '/_cfn_cognito/health';
    response.writeHead(healthy ? 200 : 404, { 'Content-Type': 'application/json' });
    response.end(healthy ? '{"status": "ok"}' : '{}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

module.exports = { fakeCli, fakeService };
