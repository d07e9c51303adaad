"""CDK cloud assemblies: a synthesized template's stack name, and its functions' code found
through the asset manifests (as `cdk synth` writes them), with the asset's hash named when
it is missing."""

import io
import json
import zipfile

import pytest

from cfn_cognito.cfn import cdk_assembly
from cfn_cognito.cfn.providers.base import Call, ResourceFailure
from cfn_cognito.cfn.providers.lambda_function import code_source

DIR_HASH = "a" * 64
ZIP_HASH = "b" * 64
BUCKET = "cdk-hnb659fds-assets-000000000000-us-east-1"


def _destination(key: str) -> dict:
    return {"current_account-current_region": {
        "bucketName": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}",
        "objectKey": key}}


@pytest.fixture
def assembly(tmp_path):
    out = tmp_path / "cdk.out"
    (out / f"asset.{DIR_HASH}").mkdir(parents=True)
    (out / f"asset.{DIR_HASH}" / "handler.py").write_text("def handler(e, c): return 1\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.js", "exports.handler = async () => 1;")
    (out / f"asset.{ZIP_HASH}.zip").write_bytes(buffer.getvalue())
    (out / "App.assets.json").write_text(json.dumps({"version": "55.0.0", "files": {
        DIR_HASH: {"source": {"path": f"asset.{DIR_HASH}", "packaging": "zip"},
                   "destinations": _destination(f"{DIR_HASH}.zip")},
        ZIP_HASH: {"source": {"path": f"asset.{ZIP_HASH}.zip", "packaging": "file"},
                   "destinations": _destination(f"{ZIP_HASH}.zip")},
    }}))
    (out / "App.template.json").write_text("{}")
    (out / "manifest.json").write_text(json.dumps({"version": "55.0.0", "artifacts": {
        "App.assets": {"type": "cdk:asset-manifest", "properties": {"file": "App.assets.json"}},
        "App": {"type": "aws:cloudformation:stack",
                "properties": {"templateFile": "App.template.json", "stackName": "my-app"}},
    }}))
    return out


def source(assembly, key: str, bucket=BUCKET) -> dict:
    call = Call(ctx=None, stack_name="s", stack_id="id", logical_id="Fn",
                code_dir=str(assembly))
    return code_source(call, {"S3Bucket": bucket, "S3Key": key})


def test_a_directory_asset_runs_from_its_directory(assembly):
    assert source(assembly, f"{DIR_HASH}.zip") == {"code_dir": str(assembly / f"asset.{DIR_HASH}")}


def test_a_zip_file_asset_runs_from_its_zip(assembly):
    assert source(assembly, f"{ZIP_HASH}.zip")["zip_bytes"][:2] == b"PK"


def test_a_missing_asset_is_named_by_its_hash(assembly):
    (assembly / f"asset.{DIR_HASH}" / "handler.py").unlink()
    (assembly / f"asset.{DIR_HASH}").rmdir()
    with pytest.raises(ResourceFailure) as caught:
        source(assembly, f"{DIR_HASH}.zip")
    assert f"CDK asset {DIR_HASH} is missing: App.assets.json lists it at" in caught.value.reason
    unlisted = "c" * 64
    with pytest.raises(ResourceFailure) as caught:
        source(assembly, f"{unlisted}.zip")
    assert f"Code.S3Key names CDK asset {unlisted}, which no *.assets.json" in caught.value.reason


def test_other_zips_are_still_found_by_file_name(assembly):
    (assembly / "service.zip").write_bytes((assembly / f"asset.{ZIP_HASH}.zip").read_bytes())
    assert "zip_bytes" in source(assembly, "serverless/svc/dev/1/service.zip", bucket="deploys")
    assert cdk_assembly.asset_hash("serverless/svc/dev/1/service.zip") is None
    assert cdk_assembly.asset_hash(f"prefix/{DIR_HASH}.zip") == DIR_HASH


def test_the_stack_name_comes_from_the_assemblys_manifest(assembly, tmp_path):
    assert cdk_assembly.stack_name(assembly / "App.template.json") == "my-app"
    (tmp_path / "other.json").write_text("{}")
    assert cdk_assembly.stack_name(tmp_path / "other.json") is None
