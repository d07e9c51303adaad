"""A local SSM Parameter Store: the parameters CloudFormation templates read
(`AWS::SSM::Parameter::Value<...>`), served on the AWS JSON protocol as `AmazonSSM.*`."""
