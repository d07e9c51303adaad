"""HTTP adapters for the function registry and invocation (the service is cfn_cognito.lambdas).

- `registry.py`: `/_cfn_cognito/functions`, what `cfn-cognito function ...` calls.
- `lambda_rest.py`: the subset of AWS Lambda's REST API that `aws lambda ...` and SDKs use to
  create, list, get, delete and invoke functions.
"""
