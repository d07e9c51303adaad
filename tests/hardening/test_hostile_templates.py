"""Templates and code folders an attacker (or an accident) hands to CloudFormation: a small
YAML alias bomb is refused before it costs CPU; a TemplateURL naming a file or a local page
that is not a template quotes none of it; a function's code folder with links out of it,
dangling links or FIFOs fails the resource with a reason naming the file, copies nothing
from outside and leaves no folder behind."""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError

SECRET = "s3cr3t-" + uuid.uuid4().hex
POOL = "Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n"


@pytest.fixture(scope="module")
def cfn(hard_url):
    return boto3.client("cloudformation", endpoint_url=hard_url, region_name="us-east-1")


def _refusal(call, **kwargs) -> str:
    with pytest.raises(ClientError) as refused:
        call(**kwargs)
    error = refused.value.response["Error"]
    assert error["Code"] == "ValidationError", error
    return error["Message"]


# -- item 5: YAML alias amplification -------------------------------------------------------

def _bomb(levels: int = 7, width: int = 5) -> str:
    lines = [f"        a0: &a0 [{', '.join(['x'] * width)}]"]
    lines += [f"        a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]"
              for i in range(1, levels)]
    return (POOL + "    Properties:\n      UserPoolTags:\n" + "\n".join(lines) + "\n")


def test_an_alias_bomb_is_refused_before_it_is_expanded(cfn, tally):
    body = _bomb()
    assert len(body) < 1024          # 122,000 nodes once expanded: 2.6 s of CPU here before
    cfn.validate_template(TemplateBody=POOL)      # the template tooling loaded once
    started = time.monotonic()
    for _ in range(5):
        message = _refusal(cfn.validate_template, TemplateBody=body)
        assert "YAML aliases expand this template to more than 10 times" in message
        _refusal(cfn.create_stack, StackName=f"bomb-{uuid.uuid4().hex[:6]}", TemplateBody=body)
    spent = time.monotonic() - started
    # Bounded, not a benchmark: ten refusals in the time one expansion used to take.
    assert spent < 2.5, spent
    tally["templates"]["alias bombs refused"] += 10
    tally["templates"]["ms per bomb refusal"] = round(spent * 100)
    # A template that repeats a block with an anchor is fine.
    reused = (POOL + "    Properties:\n      UserPoolTags: &tags {team: a}\n"
              "  Other:\n    Type: AWS::Cognito::UserPool\n    Properties:\n"
              "      UserPoolTags: *tags\n")
    assert cfn.validate_template(TemplateBody=reused)["Parameters"] == []


# -- item 6: TemplateURL of what is not a template --------------------------------------------

@pytest.fixture(scope="module")
def secrets_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("secrets")
    (folder / "shadow").write_text(f"root:$6${SECRET}:19000:0:99999:7:::\n"
                                   f"daemon:*:19000:0:99999:7:::\n")
    (folder / "config.yaml").write_text(f"database:\n  password: {SECRET}\n{SECRET}: 1\n")
    (folder / "broken.json").write_text(f'{{"token": "{SECRET}", oops}}')
    (folder / "notes.txt").write_text(f"- {SECRET}\n- [unclosed {SECRET}\n")
    return folder


@pytest.fixture(scope="module")
def local_site(secrets_dir):
    """Another server on this machine, serving the same files over HTTP."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(secrets_dir))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("name", ["shadow", "config.yaml", "broken.json", "notes.txt"])
def test_a_template_url_that_is_not_a_template_quotes_none_of_it(cfn, secrets_dir,
                                                                 local_site, name):
    for url in (secrets_dir.joinpath(name).as_uri(), f"{local_site}/{name}"):
        for call in (cfn.validate_template, cfn.get_template_summary):
            message = _refusal(call, TemplateURL=url)
            assert SECRET not in message, (url, message)
            assert "has no top-level Resources" in message
        message = _refusal(cfn.create_stack, StackName=f"t-{uuid.uuid4().hex[:6]}",
                           TemplateURL=url)
        assert SECRET not in message


def test_etc_shadow_is_not_echoed(cfn):
    if not os.path.exists("/etc/shadow"):
        pytest.skip("no /etc/shadow here")
    message = _refusal(cfn.validate_template, TemplateURL="file:///etc/shadow")
    assert "root:" not in message and "$" not in message


def test_a_local_template_with_a_mistake_still_points_at_its_line(cfn, tmp_path):
    template = tmp_path / "t.yaml"
    template.write_text(POOL + "    Properties:\n      UserPoolName: [unclosed\n")
    message = _refusal(cfn.validate_template, TemplateURL=template.as_uri())
    assert "line 5" in message or "line 6" in message, message
    template.write_text(POOL)
    assert cfn.validate_template(TemplateURL=template.as_uri())["Parameters"] == []


# -- item 4: hostile function code folders ----------------------------------------------------

FUNCTION = """\
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: {name}
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::000000000000:role/x
      Code: ./fn
"""


def _deploy_folder(cfn, tmp_path, make) -> tuple[str, dict]:
    """Deploy a function whose folder `make` spoiled; (function name, the Fn's failure event)."""
    folder = tmp_path / "fn"
    folder.mkdir()
    (folder / "app.py").write_text("def handler(event, context):\n    return 1\n")
    make(folder, tmp_path)
    name = f"hostile-{uuid.uuid4().hex[:8]}"
    template = tmp_path / "template.yaml"
    template.write_text(FUNCTION.format(name=name))
    cfn.create_stack(StackName=name, TemplateURL=template.as_uri())
    deadline = time.monotonic() + 60
    while cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"].endswith(
            "IN_PROGRESS") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == \
        "ROLLBACK_COMPLETE"
    events = cfn.describe_stack_events(StackName=name)["StackEvents"]
    (failed,) = [e for e in events if e["LogicalResourceId"] == "Fn"
                 and e["ResourceStatus"] == "CREATE_FAILED"]
    cfn.delete_stack(StackName=name)
    return name, failed


def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "home" / "id_rsa"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    return secret


@pytest.mark.parametrize("make,named,why", [
    (lambda f, t: (f / "key").symlink_to(_outside(t)), "key", "outside the code directory"),
    (lambda f, t: (f / "root").symlink_to("/", target_is_directory=True), "root",
     "outside the code directory"),
    (lambda f, t: (f / "gone.py").symlink_to(f / "missing.py"), "gone.py",
     "which does not exist"),
    (lambda f, t: os.mkfifo(f / "pipe"), "pipe", "not a regular file"),
    (lambda f, t: (f / "loop").symlink_to(".", target_is_directory=True), "loop",
     "a folder that contains it"),
], ids=["link to a secret", "link to /", "dangling link", "fifo", "link to itself"])
def test_a_hostile_code_folder_fails_the_resource_naming_the_file(
        cfn, hard_server, tmp_path, make, named, why, tally):
    name, failed = _deploy_folder(cfn, tmp_path, make)
    reason = failed["ResourceStatusReason"]
    assert f": {named} " in reason and why in reason, reason
    assert "Internal error" not in reason and SECRET not in reason
    # Nothing was copied, not even an empty folder of the function.
    assert not (Path(hard_server.data_dir) / "functions" / name).exists()
    tally["templates"]["hostile code folders refused"] += 1
