'use strict';

// Runs the cfn-cognito CLI: its progress (stderr, and stdout unless captured) is passed on line
// by line as it comes; a captured stdout is returned whole.

const childProcess = require('child_process');

class CliError extends Error {}

/** Calls `emit(line)` for each complete line written to `stream`; flush() emits the rest. */
function lineSplitter(emit) {
  let pending = '';
  return {
    write(chunk) {
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop();
      for (const line of lines) emit(line);
    },
    flush() {
      if (pending) emit(pending);
      pending = '';
    },
  };
}

/**
 * Run `argv`, passing each line of its output to `emit(line)` as it arrives.
 * With captureStdout, stdout is collected instead of passed on.
 * Resolves to {code, stdout, lastLines}; rejects with CliError when the command cannot start.
 */
function runCli(argv, { emit, captureStdout = false, env = process.env,
  spawn = childProcess.spawn } = {}) {
  return new Promise((resolve, reject) => {
    const lastLines = [];
    const remember = (line) => {
      emit(line);
      if (line.trim()) lastLines.push(line);
      if (lastLines.length > 20) lastLines.shift();
    };
    let child;
    try {
      child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      reject(startFailure(argv, err));
      return;
    }
    let stdout = '';
    const errLines = lineSplitter(remember);
    const outLines = lineSplitter(remember);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      if (captureStdout) stdout += chunk;
      else outLines.write(chunk);
    });
    child.stderr.on('data', (chunk) => errLines.write(chunk));
    child.on('error', (err) => reject(startFailure(argv, err)));
    child.on('close', (code, signal) => {
      errLines.flush();
      outLines.flush();
      resolve({ code: code === null ? `signal ${signal}` : code, stdout, lastLines });
    });
  });
}

function startFailure(argv, err) {
  if (err.code === 'ENOENT') {
    return new CliError(`cannot run \`${argv[0]}\`: no such command. Put cfn-cognito on PATH `
      + '(`source /path/to/cfn-cognito/.venv/bin/activate` after its README\'s first command, '
      + 'or `pip install -e /path/to/cfn-cognito`), or name it in custom.cfnCognito.command '
      + '(e.g. "/path/to/cfn-cognito/.venv/bin/cfn-cognito").');
  }
  return new CliError(`cannot run \`${argv[0]}\`: ${err.message}`);
}

module.exports = { CliError, lineSplitter, runCli };
