"""Cognito identity pools (the cognito-identity API): identities, logins from the local user
pools and developer providers, temporary AWS credentials and the SigV4 check made with them."""
