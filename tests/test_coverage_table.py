"""The README's coverage table is generated from the model and the code, and kept fresh."""

import importlib.util
import sys
from pathlib import Path

import boto3
import pytest
from botocore import xform_name

from cfn_cognito.idp import unsupported

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "coverage.py"
sys.path.insert(0, str(Path(__file__).parent / "e2e"))
from aws_wire import sample_request  # noqa: E402


def _coverage():
    spec = importlib.util.spec_from_file_location("coverage_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_table_is_up_to_date():
    coverage = _coverage()
    readme = coverage.README.read_text()
    assert coverage.with_table(readme) == readme, \
        "README.md's coverage table is stale: run python scripts/coverage.py"


def test_every_refused_operation_says_why():
    refused = [name for name, reason in _coverage().statuses() if reason]
    assert refused, "every operation is implemented: the table has nothing refused"
    vague = [name for name in refused if name not in unsupported.REASONS]
    assert vague == [], f"give these a reason in cfn_cognito/idp/unsupported.py: {vague}"


def test_the_table_lists_every_operation_of_the_model():
    names = [name for name, _ in _coverage().statuses()]
    model = boto3.client("cognito-idp", region_name="us-east-1").meta.service_model
    assert names == sorted(model.operation_names)
    table = _coverage().table()
    assert all(f"| {name} |" in table for name in names)


def test_a_refused_operation_answers_with_the_reason_of_the_table(cognito_url):
    name, reason = next((n, r) for n, r in _coverage().statuses() if r)
    client = boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1")
    with pytest.raises(client.exceptions.ClientError) as caught:
        getattr(client, xform_name(name))(**sample_request(name))
    error = caught.value.response["Error"]
    assert error["Code"] == "UnsupportedOperationException"
    assert name in error["Message"] and reason in error["Message"]

