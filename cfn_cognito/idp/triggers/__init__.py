"""The pool's Lambda triggers (`LambdaConfig`), called at the moments AWS calls them.

One module per trigger, each building the event exactly as AWS shapes it and reading the
function's answer as AWS does; `invoke` runs the function (through cfn_cognito.lambdas) and
turns what goes wrong into AWS's errors; `event` holds what all events share. Call sites
(one line each):

    pre_sign_up.run(ctx, pool, user, pre_sign_up.SIGN_UP, req, client_id)   SignUp, AdminCreateUser
    post_confirmation.run(ctx, pool, user, source, client_id, metadata)     confirmations
    pre_authentication.run(req, user_or_None, username)                     sign-in starts
    post_authentication.run(req, user)                                      before tokens
    pre_token_generation.changes(req, user, groups, source[, scopes])       -> tokens.ClaimChanges
    user_migration.on_sign_in(req, username, password)                      -> user | None
    user_migration.on_forgot_password(ctx, pool, client, username, metadata) -> user | None
    custom_message.render(ctx, pool, user, kind, medium, code, (subject, body), ...)
    define_auth_challenge / create_auth_challenge / verify_auth_challenge .run(req, ...)
    senders.refuse(pool, medium)                                            before a message is sent

`req` is the sign-in's AuthRequest (idp/auth/request.py). Each call is a no-op when the pool
names no function for that trigger (the custom auth ones are only reached when it does).
"""
