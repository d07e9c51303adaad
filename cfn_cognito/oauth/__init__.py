"""HTTP adapters for the OAuth 2.0 / OpenID Connect side: `/.well-known/*`, `/oauth2/*`."""
