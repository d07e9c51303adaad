'use strict';
// cfn-cognito's Node.js Lambda runtime: one warm worker process for one function.
//
// Started as `node node_runtime.js FD` in the function's code directory, with the function's
// environment (LAMBDA_TASK_ROOT, _HANDLER, ...). It speaks newline-delimited JSON on the
// socket FD, so the handler's console output (stdout, stderr) never mixes with the protocol:
//
//   worker -> server  {"ready": true} once the handler is loaded, or {"error": {...}}
//   server -> worker  {"event": ..., "context": {function_name, ..., deadline_ms}}
//   worker -> server  {"result": ...} or {"error": {"errorType", "errorMessage", ...}}
//
// A worker that must die (an uncaught exception) says "exiting": true with its last answer.
// Handlers may be async (return a promise) or take a callback (event, context, callback);
// CommonJS and ES modules (.mjs, or "type": "module") both load.

const fs = require('fs');
const net = require('net');
const path = require('path');
const { pathToFileURL } = require('url');

const channel = new net.Socket({ fd: Number(process.argv[2]), readable: true, writable: true });
const taskRoot = process.env.LAMBDA_TASK_ROOT;
const spec = process.env._HANDLER;

function send(message, then) {
  channel.write(JSON.stringify(message) + '\n', then);
}

class InitError extends Error {
  constructor(errorType, message) {
    super(message);
    this.payload = { errorType, errorMessage: message, stackTrace: [] };
  }
}

function errorPayload(err) {
  if (err instanceof Error) {
    return {
      errorType: err.name || 'Error',
      errorMessage: err.message,
      stackTrace: String(err.stack || '').split('\n').slice(1).map((s) => s.trim()),
    };
  }
  return { errorType: typeof err, errorMessage: String(err), stackTrace: [] };
}

async function importFile(file) {
  return import(pathToFileURL(file).href);
}

async function loadHandler() {
  const slash = spec.lastIndexOf('/');
  const rest = spec.slice(slash + 1);
  const dot = rest.indexOf('.');
  if (dot <= 0 || dot === rest.length - 1) {
    throw new InitError('Runtime.MalformedHandlerName', `Bad handler ${spec}`);
  }
  const moduleName = spec.slice(0, slash + 1) + rest.slice(0, dot);
  const fnPath = rest.slice(dot + 1);
  const base = path.resolve(taskRoot, moduleName);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).find((f) => fs.existsSync(f));
  if (!file) {
    throw new InitError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'`);
  }
  let mod;
  try {
    if (file.endsWith('.mjs')) {
      mod = await importFile(file);
    } else {
      try {
        mod = require(file);
      } catch (err) {
        if (err.code !== 'ERR_REQUIRE_ESM' && err.code !== 'ERR_REQUIRE_ASYNC_MODULE') throw err;
        mod = await importFile(file);
      }
    }
  } catch (err) {
    if (err instanceof InitError) throw err;
    const type = err instanceof SyntaxError ? 'Runtime.UserCodeSyntaxError' : 'Runtime.ImportModuleError';
    throw new InitError(type, `${err.name}: ${err.message}`);
  }
  let handler = mod;
  for (const part of fnPath.split('.')) handler = handler == null ? undefined : handler[part];
  if (typeof handler !== 'function' && mod && mod.default) {
    handler = fnPath.split('.').reduce((obj, part) => (obj == null ? undefined : obj[part]), mod.default);
  }
  if (typeof handler !== 'function') {
    throw new InitError('Runtime.HandlerNotFound', `${moduleName}.${fnPath} is undefined or not exported`);
  }
  return handler;
}

function makeContext(fields, finish) {
  const deadline = fields.deadline_ms;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fields.function_name,
    functionVersion: fields.function_version,
    invokedFunctionArn: fields.invoked_function_arn,
    // A string, as in Lambda's own Node.js runtime.
    memoryLimitInMB: String(fields.memory_limit_in_mb),
    awsRequestId: fields.aws_request_id,
    logGroupName: fields.log_group_name,
    logStreamName: fields.log_stream_name,
    identity: undefined,
    clientContext: undefined,
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
    succeed: (result) => finish(null, result),
    fail: (err) => finish(err == null ? new Error('handled') : err),
    done: (err, result) => finish(err, result),
  };
}

let current = null; // settles the invocation in progress

function answer(err, result, exiting) {
  let message;
  if (err != null) {
    message = { error: errorPayload(err) };
    console.error(`[ERROR] ${message.error.errorType}: ${message.error.errorMessage}`);
  } else {
    try {
      message = { result: result === undefined ? null : result };
      JSON.stringify(message);
    } catch (e) {
      message = { error: { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify response body: ${e.message}` } };
    }
  }
  if (exiting) {
    message.exiting = true;
    send(message, () => process.exit(1));
  } else {
    send(message);
  }
}

function invoke(handler, request) {
  let settled = false;
  const finish = (err, result, exiting = false) => {
    if (settled) return;
    settled = true;
    current = null;
    answer(err, result, exiting);
    if (!exiting) next();
  };
  current = finish;
  const callback = (err, result) => finish(err, result);
  const context = makeContext(request.context, callback);
  let returned;
  try {
    returned = handler(request.event, context, callback);
  } catch (err) {
    finish(err);
    return;
  }
  if (returned && typeof returned.then === 'function') {
    returned.then((result) => finish(null, result), (err) => finish(err == null ? new Error('undefined') : err));
  } else if (handler.length < 3) {
    // A synchronous handler without a callback answers null (Lambda ignores what it returns),
    // unless it calls context.succeed/done in the same turn of the event loop.
    setImmediate(() => finish(null, null));
  }
}

function fatal(err) {
  if (current) {
    current(err, null, true);
  } else {
    console.error(err);
    process.exit(1);
  }
}

process.on('uncaughtException', fatal);
process.on('unhandledRejection', (reason) => {
  const err = new Error(String(reason instanceof Error ? reason.message : reason));
  err.name = 'Runtime.UnhandledPromiseRejection';
  fatal(err);
});

let handler = null;
let buffer = '';
const queue = [];

function next() {
  if (current || !handler || queue.length === 0) return;
  invoke(handler, queue.shift());
}

channel.on('data', (chunk) => {
  buffer += chunk.toString('utf8');
  let newline;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    if (line) queue.push(JSON.parse(line));
  }
  next();
});
channel.on('end', () => process.exit(0));
channel.on('error', () => process.exit(0));

// Killed servers leave no workers behind: the parent's death re-parents us.
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 1000).unref();

loadHandler().then((loaded) => {
  handler = loaded;
  send({ ready: true });
  next();
}, (err) => {
  const payload = err instanceof InitError ? err.payload : errorPayload(err);
  console.error(`[ERROR] ${payload.errorType}: ${payload.errorMessage}`);
  send({ error: payload }, () => process.exit(0));
});
