"""The local API Gateway: REST APIs (v1) and HTTP APIs (v2) from the API Gateway resources of
deployed stacks, with their authorizers enforced on real tokens.

    table.current(ctx)                   the routing table (rebuilt when a stack changes)
    dispatch.handle(ctx, request, target)  a request for an API answered (request.py says
                                           which API a Host and path address)
    endpoints.describe(ctx, stack_name)  where the APIs answer here, and their routes
    endpoints.local_url(ctx, aws_url)    the local URL of an AWS-form invoke URL

config.py reads the resources' properties (the providers in cfn/providers/api_gateway_*.py
call it to refuse what cannot be served); openapi.py reads an API's Body; authorizers/ and
integrations/ hold one module per kind; http.py is the only part that knows Flask.
"""
