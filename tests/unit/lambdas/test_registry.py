"""Registering functions: what Lambda returns, what it refuses, where the code goes."""

import base64
import hashlib
import io
import shutil
import zipfile

import pytest

from cfn_cognito import lambdas
from cfn_cognito.spec.model import botocore_service_model as service_model
from cfn_cognito.store import open_store

APP = {"app.py": "def handler(event, context):\n    return {'v': 1}\n"}


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_register_returns_lambdas_function_configuration(ctx, code):
    config = lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir=code(APP),
                              environment={"STAGE": "dev"}, timeout=7, memory=256,
                              description="first")
    assert config["FunctionName"] == "f1"
    assert config["FunctionArn"] == "arn:aws:lambda:us-east-1:000000000000:function:f1"
    assert (config["Runtime"], config["Handler"]) == ("python3.12", "app.handler")
    assert (config["Timeout"], config["MemorySize"], config["Description"]) == (7, 256, "first")
    assert config["Environment"] == {"Variables": {"STAGE": "dev"}}
    assert config["Version"] == "$LATEST" and config["State"] == "Active"
    assert config["CodeSize"] > 0 and base64.b64decode(config["CodeSha256"])
    output = service_model("lambda").operation_model("CreateFunction").output_shape
    assert set(config) <= set(output.members)        # nothing Lambda would not return
    assert lambdas.get(ctx, "f1") == config
    assert lambdas.get(ctx, config["FunctionArn"]) == config
    assert lambdas.list_functions(ctx) == [config]


def test_zip_code_has_lambdas_sha_and_size(ctx):
    zipped = _zip(APP)
    config = lambdas.register(ctx, "z1", "python3.11", "app.handler", zip_bytes=zipped)
    assert config["CodeSha256"] == base64.b64encode(hashlib.sha256(zipped).digest()).decode()
    assert config["CodeSize"] == len(zipped)
    assert lambdas.invoke(ctx, "z1", {}) == {"v": 1}


def test_inline_code_is_written_as_cloudformation_does(ctx):
    lambdas.register(ctx, "i1", "python3.12", "index.handler",
                     inline_code="def handler(event, context):\n    return 'inline'\n")
    assert lambdas.invoke(ctx, "i1", {}) == "inline"


def test_code_is_copied_so_the_source_can_go(ctx, code):
    source = code(APP)
    lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir=source)
    shutil.rmtree(source)
    assert lambdas.invoke(ctx, "f1", {}) == {"v": 1}
    copies = list((ctx.store.data_dir / "functions" / "f1").iterdir())
    assert len(copies) == 1 and (copies[0] / "app.py").is_file()


def test_redeploy_replaces_code_and_configuration(ctx, code):
    lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir=code(APP))
    assert lambdas.invoke(ctx, "f1", {}) == {"v": 1}    # a warm worker on the old code
    lambdas.register(ctx, "f1", "python3.12", "app.handler", timeout=9, code_dir=code(
        {"app.py": "def handler(event, context):\n    return {'v': 2}\n"}))
    assert lambdas.invoke(ctx, "f1", {}) == {"v": 2}
    assert lambdas.get(ctx, "f1")["Timeout"] == 9
    assert len(lambdas.list_functions(ctx)) == 1
    assert len(list((ctx.store.data_dir / "functions" / "f1").iterdir())) == 1


def test_create_only_refuses_a_taken_name(ctx, code):
    lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir=code(APP))
    with pytest.raises(lambdas.FunctionExists, match="Function already exist: f1"):
        lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir=code(APP),
                         replace=False)
    assert len(list((ctx.store.data_dir / "functions" / "f1").iterdir())) == 1


def test_delete_removes_function_and_code(ctx, code):
    lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir=code(APP))
    assert lambdas.delete(ctx, "arn:aws:lambda:us-east-1:000000000000:function:f1") is True
    assert lambdas.get(ctx, "f1") is None
    assert lambdas.delete(ctx, "f1") is False
    assert not (ctx.store.data_dir / "functions" / "f1").exists()
    with pytest.raises(lambdas.FunctionNotFound) as err:
        lambdas.invoke(ctx, "f1", {})
    assert str(err.value) == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:f1"


def test_functions_survive_reopening_the_store(ctx, code):
    lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir=code(APP))
    reopened = open_store(ctx.store.data_dir)
    try:
        assert reopened.functions.get("f1")[0]["Handler"] == "app.handler"
    finally:
        reopened.close()


@pytest.mark.parametrize("args, message", [
    ({"name": "bad name"}, "Invalid function name"),
    ({"name": "f1:prod"}, "Invalid function name"),
    ({"runtime": "java21"}, "Runtime 'java21' is not supported"),
    ({"runtime": "python2.7"}, "not supported"),
    ({"handler": "has space.h"}, "Invalid handler"),
    ({"timeout": 0}, "Timeout must be between 1 and 900"),
    ({"timeout": 901}, "Timeout must be between 1 and 900"),
    ({"memory": 64}, "MemorySize must be between 128 and 10240"),
    ({"environment": {"AWS_REGION": "x"}}, "Reserved keys used in this request: AWS_REGION"),
    ({"environment": {"1BAD": "x"}}, "Invalid environment variable"),
    ({"environment": {"PORT": 8080}}, "values are strings"),
])
def test_refused_registrations(ctx, code, args, message):
    kwargs = {"name": "f1", "runtime": "python3.12", "handler": "app.handler", **args}
    with pytest.raises(lambdas.InvalidFunction, match=message):
        lambdas.register(ctx, kwargs.pop("name"), kwargs.pop("runtime"), kwargs.pop("handler"),
                         code_dir=code(APP), **kwargs)
    assert lambdas.list_functions(ctx) == []


def test_code_must_come_exactly_one_way(ctx, code):
    with pytest.raises(lambdas.InvalidFunction, match="exactly one way"):
        lambdas.register(ctx, "f1", "python3.12", "app.handler")
    with pytest.raises(lambdas.InvalidFunction, match="exactly one way"):
        lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir=code(APP),
                         inline_code="x = 1")
    with pytest.raises(lambdas.InvalidFunction, match="does not exist"):
        lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir="/nonexistent/dir")


@pytest.mark.parametrize("zipped", [
    b"not a zip",
    _zip({"../escape.py": "x = 1"}),
    _zip({"/abs/escape.py": "x = 1"}),
])
def test_bad_or_escaping_zips_are_refused(ctx, zipped, tmp_path):
    with pytest.raises(lambdas.InvalidFunction, match="Could not unzip uploaded file"):
        lambdas.register(ctx, "f1", "python3.12", "app.handler", zip_bytes=zipped)
    assert not (tmp_path / "escape.py").exists()
    assert not (ctx.store.data_dir / "functions" / "escape.py").exists()
    assert lambdas.list_functions(ctx) == []


def test_a_relative_data_dir_runs_functions(tmp_path, monkeypatch):
    # The default data dir is ./.cfn-cognito: workers run in their code directory, so the
    # code's path must not depend on the working directory (issue 22, defect 1).
    monkeypatch.chdir(tmp_path)
    store = open_store("./.cfn-cognito")
    from cfn_cognito.config import Settings
    from cfn_cognito.context import Context
    context = Context(settings=Settings(), store=store)
    try:
        lambdas.register(context, "rel", "python3.12", "index.handler",
                         inline_code="def handler(event, context):\n    return 'ran'\n")
        assert lambdas.invoke(context, "rel", {}) == "ran"
    finally:
        lambdas.stop_workers(store.data_dir)
        store.close()
