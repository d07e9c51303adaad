// The dev inbox (GET /_cfn_cognito/messages), where the local service keeps every code it
// sends: what a person would read in their email.

// The newest code of a kind (SignUp, ForgotPassword, UpdateUserAttribute...) sent to an
// address. By address, not username: a pool whose usernames are emails keeps a generated one.
async function latestCode(endpoint, poolId, to, kind) {
  const query = new URLSearchParams({ pool: poolId, to, kind });
  const body = await (await fetch(`${endpoint}/_cfn_cognito/messages?${query}`)).json();
  const last = body.messages[body.messages.length - 1];
  if (!last) throw new Error(`no ${kind} message to ${to} in the inbox`);
  return last.code;
}

module.exports = { latestCode };
