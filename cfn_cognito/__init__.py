"""cfn-cognito: a local, AWS-faithful Amazon Cognito."""

__version__ = "0.1.0"
