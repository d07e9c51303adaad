"""Every way Lambda lets a caller name a function."""

import pytest

from cfn_cognito.lambdas import arns
from cfn_cognito.lambdas.arns import FunctionRef


@pytest.mark.parametrize("text, ref", [
    ("f1", FunctionRef("f1")),
    ("my_fn-2", FunctionRef("my_fn-2")),
    ("f1:prod", FunctionRef("f1", "prod")),
    ("f1:$LATEST", FunctionRef("f1", "$LATEST")),
    ("123456789012:function:f1", FunctionRef("f1", None, None, "123456789012")),
    ("arn:aws:lambda:us-east-1:000000000000:function:f1",
     FunctionRef("f1", None, "us-east-1", "000000000000")),
    ("arn:aws:lambda:eu-west-2:123456789012:function:f1:7",
     FunctionRef("f1", "7", "eu-west-2", "123456789012")),
    ("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f1",
     FunctionRef("f1", None, "us-gov-west-1", "123456789012")),
])
def test_every_form_names_the_function(text, ref):
    assert arns.parse(text) == ref


@pytest.mark.parametrize("text", ["", "has space", "a" * 65, "arn:aws:s3:::bucket",
                                  "arn:aws:lambda:us-east-1:000000000000:layer:l1", "f1:a:b"])
def test_what_names_no_function(text):
    assert arns.parse(text) is None


def test_not_found_messages_name_the_full_arn():
    assert arns.arn_for(arns.parse("f1"), "f1", "us-east-1", "000000000000") == \
        "arn:aws:lambda:us-east-1:000000000000:function:f1"
    assert arns.arn_for(arns.parse("f1:live"), "f1:live", "us-east-1", "000000000000") == \
        "arn:aws:lambda:us-east-1:000000000000:function:f1:live"
    other = "arn:aws:lambda:eu-west-1:123456789012:function:f9"
    assert arns.arn_for(arns.parse(other), other, "us-east-1", "000000000000") == other
