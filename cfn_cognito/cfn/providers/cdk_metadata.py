"""AWS::CDK::Metadata: the CDK's record of the construct libraries a stack was made with
(CloudFormation keeps it for AWS's usage statistics). Nothing to run; recorded."""

from cfn_cognito.cfn.providers.recorded import RecordedWithGeneratedId


class CdkMetadata(RecordedWithGeneratedId):
    TYPE = "AWS::CDK::Metadata"


PROVIDER = CdkMetadata()
