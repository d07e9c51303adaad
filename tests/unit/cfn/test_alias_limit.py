"""YAML alias amplification is refused before the template is loaded, from what is written;
templates that repeat a block a few times with anchors, as SAM and `package` users write
them, still load."""

import pytest

from cfn_cognito.cfn import alias_limit, loader
from cfn_cognito.cfn.findings import TemplateError

HEAD = ("Resources:\n  P:\n    Type: AWS::Cognito::UserPool\n    Properties:\n"
        "      UserPoolTags:\n")


def bomb(levels: int, width: int) -> str:
    lines = [f"        a0: &a0 [{', '.join(['x'] * width)}]"]
    lines += [f"        a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]"
              for i in range(1, levels)]
    return HEAD + "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels,width", [(7, 5), (6, 7), (9, 9), (30, 2)])
def test_nested_aliases_are_refused_with_the_factor(levels, width):
    text = bomb(levels, width)
    assert len(text) < 1200
    with pytest.raises(TemplateError) as refused:
        loader.load(text)
    (finding,) = refused.value.findings
    assert finding.rule == alias_limit.RULE
    assert "YAML aliases expand this template to more than 10 times" in finding.message


def test_an_anchor_used_inside_itself_is_refused():
    with pytest.raises(TemplateError, match="YAML aliases expand"):
        alias_limit.check(HEAD + "        a: &a [x, *a]\n")


def test_a_block_repeated_with_an_anchor_still_loads():
    text = """\
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      Policies: &policies
        PasswordPolicy: {MinimumLength: 12, RequireNumbers: true}
  Other:
    Type: AWS::Cognito::UserPool
    Properties:
      Policies: *policies
  Third:
    Type: AWS::Cognito::UserPool
    Properties:
      Policies: *policies
"""
    template = loader.load(text)
    assert template.resources["Third"]["Properties"]["Policies"]["PasswordPolicy"][
        "MinimumLength"] == 12


def test_text_without_anchors_or_that_does_not_parse_is_left_to_the_loader():
    alias_limit.check("Resources: {A: {Type: 'x&y*z'}}")
    alias_limit.check("Resources: [&a *a")
