"""AWS::S3::BucketPolicy: recorded."""

from cfn_cognito.cfn.providers.recorded import RecordedWithGeneratedId


class BucketPolicy(RecordedWithGeneratedId):
    TYPE = "AWS::S3::BucketPolicy"


PROVIDER = BucketPolicy()
