"""Dependency order: what a resource needs comes first; cycles and unknown names are reported
with their lines."""

from cfn_cognito.cfn import graph
from cfn_cognito.cfn.loader import load

TEMPLATE = """
Parameters:
  Stage: {Type: String}
Conditions:
  Never: !Equals [a, b]
Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: !Sub "${Stage}-${Fn.Arn}"
  Group:
    Type: AWS::Cognito::UserPoolGroup
    DependsOn: Client
    Properties:
      UserPoolId: !If [Never, !Ref Missing, !Ref Pool]
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      LambdaConfig:
        PreSignUp: !GetAtt [Fn, Arn]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Description: !Sub ["${X}", {X: !Ref Stage}]
"""


def test_each_resource_comes_after_what_it_needs():
    template = load(TEMPLATE)
    deps, findings = graph.dependencies(template.resources, {"Stage"}, {"Never": False})
    assert findings == []
    assert deps == {"Client": ["Pool", "Fn"], "Group": ["Pool", "Client"], "Pool": ["Fn"],
                    "Fn": []}
    order, findings = graph.order(deps)
    assert findings == []
    assert order == ["Fn", "Pool", "Client", "Group"]
    assert graph.reverse_order(deps) == ["Group", "Client", "Pool", "Fn"]


def test_the_branch_a_condition_does_not_take_needs_nothing():
    template = load(TEMPLATE)
    _, findings = graph.dependencies(template.resources, {"Stage"}, {"Never": True})
    assert [f.message for f in findings] == [
        "Template format error: Unresolved resource dependencies [Missing] in the Resources "
        "block of the template"]
    assert findings[0].line == 16


def test_cycles_are_reported_with_the_resources_in_them():
    template = load("""
Resources:
  A:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Ref B}
  B:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !GetAtt C.Arn}
  C:
    Type: AWS::S3::Bucket
    DependsOn: A
  D:
    Type: AWS::S3::Bucket
    DependsOn: A
""")
    deps, findings = graph.dependencies(template.resources, set(), {})
    assert findings == []
    _, findings = graph.order(deps, template.resources)
    assert [f.message for f in findings] == ["Circular dependency between resources: [A, B, C]"]
    assert findings[0].line == 3


def test_a_resource_that_needs_itself_is_a_cycle():
    template = load("Resources:\n  A:\n    Type: AWS::S3::Bucket\n"
                    "    Properties: {BucketName: !Ref A}\n")
    _, findings = graph.dependencies(template.resources, set(), {})
    assert [f.message for f in findings] == ["Circular dependency between resources: [A]"]


def test_outputs_may_only_name_what_exists():
    template = load("Resources:\n  A: {Type: AWS::S3::Bucket}\nOutputs:\n"
                    "  X: {Value: !GetAtt Gone.Arn}\n")
    _, findings = graph.dependencies(template.resources, set(), {},
                                     template.section("Outputs"))
    assert "Unresolved resource dependencies [Gone] in the Outputs block" in findings[0].message
    assert findings[0].line == 4
