"""AWS::Lambda::Function → lambdas.register / lambdas.delete.

The code is the template's inline `Code.ZipFile` (written as index.py or index.js, as
CloudFormation does), a local path given as `Code` (a directory or a .zip, relative to the
template, as `aws cloudformation package` takes it), or what `Code.S3Key` names under the
deploy's --code-dir: a CDK asset (`<hash>.zip`, found through the cloud assembly's
`<Stack>.assets.json`: see cdk_assembly.py), or else a zip of that file name (the Serverless
Framework's `.serverless/` holds `<service>.zip`).
"""

from __future__ import annotations

import os
from pathlib import Path

from cfn_cognito import lambdas
from cfn_cognito.cfn import cdk_assembly
from cfn_cognito.cfn.providers.base import Call, Provider, Resource, ResourceFailure


def _failure(err: Exception) -> ResourceFailure:
    return ResourceFailure(f'Resource handler returned message: "{err}" '
                           f'(HandlerErrorCode: InvalidRequest)')


def _find(code_dir: str, file_name: str) -> Path | None:
    """The file of this name in code_dir, or anywhere below it."""
    direct = Path(code_dir) / file_name
    if direct.is_file():
        return direct
    for root, _, files in os.walk(code_dir):
        if file_name in files:
            return Path(root) / file_name
    return None


def _local_path(call: Call, text: str) -> Path:
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = Path(call.template_dir or ".") / path
    return path


def _zip_bytes(path: Path) -> dict:
    try:
        return {"zip_bytes": path.read_bytes()}
    except OSError as err:
        raise ResourceFailure(f"Code: {path} cannot be read: {err.strerror}") from None


def _path_source(path: Path) -> dict:
    return {"code_dir": str(path)} if path.is_dir() else _zip_bytes(path)


def _cdk_asset(call: Call, asset_hash: str, key: str) -> dict | None:
    """The code of a CDK asset, from the cloud assembly at --code-dir (None when no asset
    manifest there lists it)."""
    asset = cdk_assembly.find(call.code_dir, key)
    if asset is None:
        return None
    if asset.path is None:
        raise ResourceFailure(f"CDK asset {asset_hash} is built by a command when it is "
                              f"published, which cfn-cognito does not run")
    if not asset.path.exists():
        raise ResourceFailure(f"CDK asset {asset_hash} is missing: {asset.listed_in.name} "
                              f"lists it at {asset.path}, which does not exist (run cdk "
                              f"synth again)")
    return _path_source(asset.path)


def code_source(call: Call, code) -> dict:
    """The register() keyword for a function's Code: code_dir, zip_bytes or inline_code."""
    if isinstance(code, str):
        path = _local_path(call, code)
        if path.exists():
            return _path_source(path)
        raise ResourceFailure(f"Code: no directory or zip file at {path}")
    code = code or {}
    if code.get("ZipFile") is not None:
        return {"inline_code": code["ZipFile"]}
    if code.get("S3Key"):
        file_name = code["S3Key"].rsplit("/", 1)[-1]
        if not call.code_dir:
            raise ResourceFailure(f"Code.S3Key names {file_name}: deploy with --code-dir "
                                  f"DIR, the directory that holds it")
        asset_hash = cdk_assembly.asset_hash(code["S3Key"])
        source = _cdk_asset(call, asset_hash, code["S3Key"]) if asset_hash else None
        if source is not None:
            return source
        found = _find(call.code_dir, file_name)
        if found is None and asset_hash:
            raise ResourceFailure(f"Code.S3Key names CDK asset {asset_hash}, which no "
                                  f"*.assets.json under {call.code_dir} lists: deploy with "
                                  f"--code-dir the cdk.out of the synth that wrote this "
                                  f"template")
        if found is None:
            raise ResourceFailure(f"Code.S3Key names {file_name}, which is not under "
                                  f"{call.code_dir}")
        return _zip_bytes(found)
    raise ResourceFailure("Code: give ZipFile, S3Key (with --code-dir) or a local path; "
                          "container images (ImageUri) do not run here")


class LambdaFunction(Provider):
    TYPE = "AWS::Lambda::Function"
    NAMED_BY = ("FunctionName",)
    UNSUPPORTED = frozenset({"ImageConfig"})

    def _register(self, call: Call, name: str, props: dict, replace: bool) -> Resource:
        try:
            config = lambdas.register(
                call.ctx, name, props.get("Runtime", ""), props.get("Handler", ""),
                **code_source(call, props.get("Code")),
                environment=(props.get("Environment") or {}).get("Variables"),
                timeout=props.get("Timeout", 3), memory=props.get("MemorySize", 128),
                description=props.get("Description", ""), role=props.get("Role"),
                replace=replace)
        except lambdas.LambdaError as err:
            raise _failure(err) from None
        return Resource(config["FunctionName"], {"Arn": config["FunctionArn"]})

    def create(self, call: Call, props: dict) -> Resource:
        name = props.get("FunctionName") or call.physical_name(64)
        return self._register(call, name, props, replace=False)

    def update(self, call: Call, props: dict, current: Resource) -> Resource:
        return self._register(call, current.physical_id, props, replace=True)

    def delete(self, call: Call, current: Resource) -> None:
        lambdas.delete(call.ctx, current.physical_id)


PROVIDER = LambdaFunction()
