"""AWS::ApiGatewayV2::Stage: `$default` serves at the API's root, a named stage under
`/{name}`; StageVariables are its stage variables."""

from cfn_cognito.cfn.providers.api_gateway import NamedByStage


class Stage(NamedByStage):
    TYPE = "AWS::ApiGatewayV2::Stage"


PROVIDER = Stage()
