"""A Python function shipped as a CDK asset directory: it answers with what the gateway's
authorizer passed it (the signed-in user's claims)."""

import json


def handler(event, context):
    body = {"runtime": "python", "authorizer": event["requestContext"].get("authorizer")}
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"},
            "body": json.dumps(body)}
