"""AWS::ApiGateway::Stage: Ref is the stage's name; Variables are its stage variables."""

from cfn_cognito.cfn.providers.api_gateway import NamedByStage


class Stage(NamedByStage):
    TYPE = "AWS::ApiGateway::Stage"


PROVIDER = Stage()
