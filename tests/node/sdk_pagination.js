// Paging with the AWS SDK for JavaScript v3: paginateListUsers over a pool, and
// ListUserPools with MaxResults followed through its NextToken.
// usage: node sdk_pagination.js ENDPOINT POOL_ID PAGE_SIZE
// Prints {"ok": true, "userPages": [[usernames]...], "poolPages": [[pool ids]...], ...}.
const {
  paginateListUsers, ListUserPoolsCommand,
} = require("@aws-sdk/client-cognito-identity-provider");
const { client, run } = require("./sdk_client");

const [endpoint, poolId, pageSize] = process.argv.slice(2);
const cognito = client(endpoint);
const size = Number(pageSize);

run(async () => {
  const userPages = [];
  for await (const page of paginateListUsers({ client: cognito, pageSize: size },
    { UserPoolId: poolId })) {
    userPages.push(page.Users.map((user) => user.Username));
  }
  const poolPages = [];
  let nextToken;
  do {
    const page = await cognito.send(new ListUserPoolsCommand({
      MaxResults: size, NextToken: nextToken,
    }));
    poolPages.push(page.UserPools.map((pool) => pool.Id));
    nextToken = page.NextToken;
  } while (nextToken && poolPages.length < 1000);
  return { ok: true, userPages, poolPages };
});
