"""AWS Lambda's REST API on the same port: boto3 and the AWS CLI create, read, invoke and
delete local functions."""

import base64
import io
import json
import os
import subprocess
import sys
import time
import uuid
import zipfile

import boto3
import pytest
import requests

HANDLER = """
import json, pathlib

def handler(event, context):
    print("lambda api saw", json.dumps(event))
    return {"echo": event, "arn": context.invoked_function_arn}

def fail(event, context):
    raise LookupError("no such thing")

def touch(event, context):
    pathlib.Path(event["path"]).write_text("touched")
"""


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


ZIP = _zip({"app.py": HANDLER})
ROLE = "arn:aws:iam::000000000000:role/lambda-role"


@pytest.fixture(scope="module")
def aws_lambda(cognito_url):
    return boto3.client("lambda", endpoint_url=cognito_url, region_name="us-east-1")


@pytest.fixture
def function(aws_lambda):
    """create(handler) -> the name of a new function, deleted after the test."""
    names = []

    def create(handler: str = "app.handler", **options) -> str:
        name = f"api-{uuid.uuid4().hex[:8]}"
        aws_lambda.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE,
                                   Handler=handler, Code={"ZipFile": ZIP}, **options)
        names.append(name)
        return name
    yield create
    for name in names:
        try:
            aws_lambda.delete_function(FunctionName=name)
        except aws_lambda.exceptions.ResourceNotFoundException:
            pass


def test_create_get_invoke_delete(aws_lambda, function, cognito_url):
    name = function(Timeout=10, Environment={"Variables": {"AB": "1"}}, Description="d")
    config = aws_lambda.get_function_configuration(FunctionName=name)
    config.pop("ResponseMetadata")
    assert (config["Runtime"], config["Handler"], config["Timeout"]) == ("python3.12", "app.handler", 10)
    assert config["Environment"] == {"Variables": {"AB": "1"}}
    assert config["Role"] == ROLE and config["Description"] == "d"

    got = aws_lambda.get_function(FunctionName=config["FunctionArn"])
    assert got["Configuration"] == config
    downloaded = requests.get(got["Code"]["Location"], timeout=10)
    assert zipfile.ZipFile(io.BytesIO(downloaded.content)).read("app.py").decode() == HANDLER

    answer = aws_lambda.invoke(FunctionName=name, Payload=json.dumps({"k": "v"}))
    assert answer["StatusCode"] == 200 and "FunctionError" not in answer
    assert json.loads(answer["Payload"].read()) == {"echo": {"k": "v"}, "arn": config["FunctionArn"]}
    qualified = aws_lambda.invoke(FunctionName=name, Qualifier="live", Payload=b"{}")
    assert json.loads(qualified["Payload"].read())["arn"] == config["FunctionArn"] + ":live"

    aws_lambda.delete_function(FunctionName=name)
    with pytest.raises(aws_lambda.exceptions.ResourceNotFoundException) as err:
        aws_lambda.get_function(FunctionName=name)
    assert err.value.response["Error"]["Message"] == \
        f"Function not found: arn:aws:lambda:us-east-1:000000000000:function:{name}"


def test_create_refuses_a_taken_name(aws_lambda, function):
    name = function()
    with pytest.raises(aws_lambda.exceptions.ResourceConflictException) as err:
        aws_lambda.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE,
                                   Handler="app.handler", Code={"ZipFile": ZIP})
    assert err.value.response["Error"]["Message"] == f"Function already exist: {name}"


def test_refused_creations(aws_lambda, cognito_url):
    with pytest.raises(aws_lambda.exceptions.InvalidParameterValueException):
        aws_lambda.create_function(FunctionName="j1", Runtime="java21", Role=ROLE,
                                   Handler="a.b", Code={"ZipFile": ZIP})
    with pytest.raises(aws_lambda.exceptions.InvalidParameterValueException, match="unzip"):
        aws_lambda.create_function(FunctionName="z1", Runtime="python3.12", Role=ROLE,
                                   Handler="a.b", Code={"ZipFile": b"not a zip"})
    raw = requests.post(f"{cognito_url}/2015-03-31/functions", timeout=10, json={
        "FunctionName": "t1", "Runtime": "python3.12", "Role": ROLE, "Handler": "a.b",
        "Timeout": 0, "Code": {"ZipFile": base64.b64encode(ZIP).decode()}})
    assert raw.status_code == 400 and raw.headers["x-amzn-ErrorType"] == "ValidationException"
    assert raw.json()["message"].startswith("1 validation error detected: Value '0' at 'timeout'")
    names = [f["FunctionName"] for f in aws_lambda.list_functions(MaxItems=10000)["Functions"]]
    assert not {"j1", "z1", "t1"} & set(names)


def test_a_handler_error_is_an_unhandled_function_error(aws_lambda, function):
    name = function("app.fail")
    answer = aws_lambda.invoke(FunctionName=name, Payload=b"{}")
    assert answer["StatusCode"] == 200 and answer["FunctionError"] == "Unhandled"
    assert json.loads(answer["Payload"].read()) == {"errorType": "LookupError",
                                                    "errorMessage": "no such thing"}


def test_invoking_what_is_not_there_or_with_no_json(aws_lambda, function):
    with pytest.raises(aws_lambda.exceptions.ResourceNotFoundException):
        aws_lambda.invoke(FunctionName="never-registered", Payload=b"{}")
    with pytest.raises(aws_lambda.exceptions.InvalidRequestContentException):
        aws_lambda.invoke(FunctionName=function(), Payload=b"{not json")


def test_event_invocations_run_in_the_background(aws_lambda, function, tmp_path):
    name = function("app.touch")
    target = tmp_path / "touched.txt"
    answer = aws_lambda.invoke(FunctionName=name, InvocationType="Event",
                               Payload=json.dumps({"path": str(target)}))
    assert answer["StatusCode"] == 202
    deadline = time.monotonic() + 15
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert target.read_text() == "touched"
    assert aws_lambda.invoke(FunctionName=name, InvocationType="DryRun")["StatusCode"] == 204


def test_list_functions_pages(aws_lambda, function):
    created = {function(), function()}
    first = aws_lambda.list_functions(MaxItems=1)
    assert len(first["Functions"]) == 1 and first["NextMarker"]
    every = [f["FunctionName"] for page in aws_lambda.get_paginator("list_functions").paginate(
        PaginationConfig={"PageSize": 1}) for f in page["Functions"]]
    assert created <= set(every) and len(every) == len(set(every))


def test_the_aws_cli_creates_and_invokes(cognito_url, tmp_path):
    package = tmp_path / "function.zip"
    package.write_bytes(ZIP)
    name = f"cli-{uuid.uuid4().hex[:8]}"

    def aws(*args):
        out = subprocess.run([sys.executable, "-m", "awscli", "--endpoint-url", cognito_url,
                              "lambda", *args], capture_output=True, text=True, env=os.environ,
                             timeout=60)
        assert out.returncode == 0, out.stderr
        return out.stdout

    created = json.loads(aws("create-function", "--function-name", name, "--runtime",
                             "python3.12", "--role", ROLE, "--handler", "app.handler",
                             "--zip-file", f"fileb://{package}"))
    assert created["FunctionName"] == name and created["State"] == "Active"
    result = tmp_path / "out.json"
    aws("invoke", "--function-name", name, "--payload", '{"via": "cli"}', str(result))
    assert json.loads(result.read_text())["echo"] == {"via": "cli"}
    aws("delete-function", "--function-name", name)
