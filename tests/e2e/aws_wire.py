"""The AWS SDK's own view of the wire, for tests: botocore serializes our requests and parses
our answers, and a checker holds every answer to the operation's output shape.

Also builds plausible requests from the model (every required member filled with a value
that passes the model's constraints), so tests can walk every operation of the model.
"""

from __future__ import annotations

import base64
import datetime
import functools
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import awscli
import botocore.parsers
import botocore.serialize
import regex
import requests
from botocore import xform_name
from botocore.loaders import Loader
from botocore.model import ServiceModel, Shape

SERVICE = "cognito-idp"
TARGET_PREFIX = "AWSCognitoIdentityProviderService"
CORAL_ERRORS = {"SerializationException", "UnknownOperationException"}


@functools.lru_cache(maxsize=None)
def model() -> ServiceModel:
    return ServiceModel(Loader().load_service_model(SERVICE, "service-2"), service_name=SERVICE)


def implemented_operations() -> list[str]:
    """Operations of the model that cfn-cognito implements (found as the protocol finds them)."""
    from cfn_cognito.idp import operations
    return sorted(op for op in model().operation_names if hasattr(operations, xform_name(op)))


def error_codes() -> set[str]:
    return {name for name in model().shape_names if model().shape_for(name).metadata.get("exception")}


@dataclass
class Answer:
    status: int
    headers: requests.structures.CaseInsensitiveDict
    raw: dict            # our JSON body as it came over the wire
    parsed: dict         # what botocore's parser makes of it

    @property
    def error(self) -> dict | None:
        return self.parsed.get("Error") if self.status >= 300 else None


def send(url: str, operation: str, params: dict) -> Answer:
    """Serialize params with botocore's serializer, POST them, parse the answer with botocore."""
    op = model().operation_model(operation)
    # Without botocore's client-side checks, so the server's own validation is what answers.
    serializer = botocore.serialize.create_serializer("json", include_validation=False)
    request = serializer.serialize_to_request(params, op)
    r = requests.post(url + request["url_path"], data=request["body"], headers=request["headers"],
                      timeout=30)
    return parse(r, operation)


def parse(r: requests.Response, operation: str) -> Answer:
    op = model().operation_model(operation)
    parsed = botocore.parsers.create_parser("json").parse(
        {"status_code": r.status_code, "headers": r.headers, "body": r.content}, op.output_shape)
    raw = r.json() if r.content else {}
    return Answer(r.status_code, r.headers, raw, parsed)


def post_raw(url: str, operation: str, body, content_type: str = "application/x-amz-json-1.1",
             **headers) -> requests.Response:
    """POST a body as given (bytes, or a dict sent as JSON), without botocore."""
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return requests.post(url, data=data, timeout=30, headers={
        "X-Amz-Target": f"{TARGET_PREFIX}.{operation}", "Content-Type": content_type, **headers})


def aws_cli(url: str, *args: str, region: str | None = None) -> dict:
    """Run `aws [--region R] --endpoint-url url cognito-idp args...` and return its JSON output."""
    regional = ["--region", region] if region else []
    out = subprocess.run(
        [sys.executable, "-m", "awscli", *regional, "--endpoint-url", url, "cognito-idp", *args],
        capture_output=True, text=True, env=os.environ, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout) if out.stdout.strip() else {}


def aws_cli_error(url: str, *args: str) -> str:
    """Run an `aws cognito-idp` command that must fail; return what it printed on stderr
    ("An error occurred (Code) when calling the Op operation: message")."""
    out = subprocess.run(
        [sys.executable, "-m", "awscli", "--endpoint-url", url, "cognito-idp", *args],
        capture_output=True, text=True, env=os.environ, timeout=60)
    assert out.returncode != 0, out.stdout
    return out.stderr.strip()


def aws_example(name: str, index: int = 0) -> dict:
    """The JSON output of the index-th example in the AWS CLI's examples/cognito-idp/<name>.rst
    (real AWS output, shipped with the CLI)."""
    text = (Path(awscli.__file__).parent / "examples" / SERVICE / f"{name}.rst").read_text()
    blocks = re.findall(r"Output::\n\n(.*?)(?=\n\S|\Z)", text, re.S)
    return json.loads(blocks[index])


# --- conformance of our JSON to the output shape ----------------------------------------------

def shape_problems(shape: Shape | None, value, path: str = "$") -> list[str]:
    """Every way `value` (our raw JSON) differs from `shape`: stray keys, wrong JSON types, nulls."""
    if shape is None:
        return [] if value in ({}, None) else [f"{path}: operation has no output but got {value!r}"]
    if value is None:
        return [f"{path}: null (AWS leaves absent members out)"]
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {type(value).__name__}"]
        problems = []
        for key, item in value.items():
            member = shape.members.get(key)
            if member is None:
                problems.append(f"{path}.{key}: not a member of {shape.name}")
            else:
                problems += shape_problems(member, item, f"{path}.{key}")
        return problems
    if kind == "list":
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {type(value).__name__}"]
        return [p for i, item in enumerate(value) for p in shape_problems(shape.member, item, f"{path}[{i}]")]
    if kind == "map":
        if not isinstance(value, dict):
            return [f"{path}: expected a map, got {type(value).__name__}"]
        return [p for k, item in value.items() for p in shape_problems(shape.value, item, f"{path}[{k!r}]")]
    expected = {
        "string": (str,), "blob": (str,), "boolean": (bool,),
        "integer": (int,), "long": (int,), "float": (int, float), "double": (int, float),
        "timestamp": (int, float),
    }[kind]
    if isinstance(value, bool) and kind != "boolean" or not isinstance(value, expected):
        return [f"{path}: expected {kind}, got {type(value).__name__} {value!r}"]
    if kind == "string" and shape.enum and value not in shape.enum:
        return [f"{path}: {value!r} is not one of {shape.name}'s values"]
    if kind == "blob":
        try:
            base64.b64decode(value, validate=True)
        except ValueError:
            return [f"{path}: blob is not base64"]
    return []


def assert_well_formed_error(answer: Answer, operation: str) -> None:
    """An error as AWS sends it: 4xx, `__type` botocore reads as the code, a `message`
    (except Coral's protocol errors), the x-amzn headers, and a code the model knows."""
    assert 400 <= answer.status < 500, (operation, answer.status, answer.raw)
    code = answer.error["Code"]
    assert code and answer.raw["__type"].rsplit("#", 1)[-1] == code, answer.raw
    assert code in error_codes() | CORAL_ERRORS | {"UnsupportedOperationException"}, code
    if code not in CORAL_ERRORS:
        assert answer.raw.get("message"), answer.raw
        assert answer.error["Message"] == answer.raw["message"]
    assert answer.headers["x-amzn-ErrorType"].split(":", 1)[0] == code
    assert answer.headers.get("x-amzn-RequestId")
    assert set(answer.raw) <= {"__type", "message", "reasonCode"}, answer.raw


# --- plausible requests ------------------------------------------------------------------------

# Values tried, in order, for a string member with a pattern; the first that satisfies the
# model's pattern and length wins.
_CANDIDATES = (
    "example", "us-east-1_AbCdE1234", "example-name", "Example1", "123456", "abcdef012345",
    "Your code is {####}", "Click {##here##} to verify", "user@example.com",
    "https://example.com/callback", "arn:aws:iam::000000000000:role/example",
    "arn:aws:lambda:us-east-1:000000000000:function:example",
    "arn:aws:acm:us-east-1:000000000000:certificate/example",
    "arn:aws:s3:::example-bucket", "Level1", "import-0123456789", "tkn" + "a" * 25,
    "1234abcd-12ab-4cde-8f01-123456789abc", "us-east-1_1234abcd-12ab-4cde-8f01-123456789abc",
    "0123456789abcdef", "cognito:default",
    "terms-of-use", "abcdefghijklmnopqrstuvwxyz0123456789", "ZXhhbXBsZQ==",
)


@functools.lru_cache(maxsize=512)
def _regex(pattern: str):
    return regex.compile(pattern, regex.V0)


def sample_string(shape: Shape) -> str:
    if shape.enum:
        return shape.enum[0]
    low = shape.metadata.get("min", 1) or 1
    high = shape.metadata.get("max", 10_000)
    pattern = shape.metadata.get("pattern")
    for candidate in _CANDIDATES:
        if low <= len(candidate) <= high and (not pattern or _regex(pattern).fullmatch(candidate)):
            return candidate
    filler = ("example" * (low // 7 + 1))[:max(low, min(7, high))]
    if not pattern or _regex(pattern).fullmatch(filler):
        return filler
    raise ValueError(f"no sample for {shape.name} (pattern {pattern!r}, {low}..{high})")


def sample(shape: Shape, known: dict | None = None, depth: int = 0, full: bool = False):
    """A value for shape in botocore's parameter form: required members only, or every
    member when `full`. `known` gives values by member name (UserPoolId, ClientId...)."""
    known = known or {}
    kind = shape.type_name
    if kind == "structure":
        out = {}
        for name, member in shape.members.items():
            if name in known and known[name] is not None:
                out[name] = known[name]
            elif (full or name in shape.required_members) and depth < 8:
                out[name] = sample(member, known, depth + 1, full)
        return out
    if kind == "list":
        count = shape.metadata.get("min", 1) or 1
        return [sample(shape.member, known, depth + 1, full) for _ in range(count)]
    if kind == "map":
        count = max(shape.metadata.get("min", 0) or 0, 1 if full else 0)
        return {sample(shape.key): sample(shape.value, known, depth + 1, full) for _ in range(count)}
    if kind == "string":
        return sample_string(shape)
    if kind in ("integer", "long"):
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        value = 1 if low is None else max(low, 1)
        return value if high is None else min(value, high)
    if kind in ("float", "double"):
        return 1.0
    if kind == "boolean":
        return False
    if kind == "timestamp":
        return datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    if kind == "blob":
        return b"example"
    raise ValueError(kind)


def sample_request(operation: str, known: dict | None = None, full: bool = False) -> dict:
    shape = model().operation_model(operation).input_shape
    return sample(shape, known, full=full) if shape is not None else {}
