-- Lambda authorizer results kept for AuthorizerResultTtlInSeconds, as API Gateway keeps them
-- for a stage: in the store, so that every worker process (and every instance sharing the
-- database) answers from the same cache. `cache_key` names the routing table's generation,
-- the API, the authorizer and the identity source values (a redeploy starts afresh).
CREATE TABLE authorizer_results (cache_key TEXT PRIMARY KEY, result TEXT NOT NULL,
                                 expires REAL NOT NULL);
CREATE INDEX authorizer_results_expires ON authorizer_results(expires);
