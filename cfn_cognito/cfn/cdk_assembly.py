"""What a CDK cloud assembly (`cdk synth`'s `cdk.out/`) tells about its stacks: the stack
name of a template, and the file assets of its functions.

A synthesized template names a function's code by where `cdk deploy` would upload it:
`Code.S3Bucket` the bootstrap bucket (`cdk-<qualifier>-assets-<account>-<region>`),
`Code.S3Key` `<hash>.zip`. The stack's `<Stack>.assets.json` maps that object key to the
asset's source in the assembly: `asset.<hash>/` (a directory, packaging "zip") or
`asset.<hash>.zip` (a file). Here the source is used as it is, with nothing uploaded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

# What `cdk synth` names an asset's object key (in the bootstrap bucket, or the bucket and
# prefix a stack synthesizer is given): the SHA-256 of its source, and the extension.
_ASSET_KEY = re.compile(r"^(?:.*/)?([0-9a-f]{64})\.(zip|jar)$")


@dataclass(frozen=True)
class Asset:
    hash: str
    path: Path | None       # the source: a directory or a file (zip); None when a command
                            # builds it (`executable`), which is not run here
    listed_in: Path         # the manifest that lists it


def asset_hash(key: str) -> str | None:
    """The asset hash of a CDK object key (`<hash>.zip`), or None when the key is not one
    (another tool's zip, such as the Serverless Framework's)."""
    found = _ASSET_KEY.match(key or "")
    return found.group(1) if found else None


def _manifests(assembly: Path) -> list[Path]:
    """The asset manifests of the assembly and of its nested assemblies (CDK stages)."""
    found = sorted(assembly.glob("*.assets.json"))
    for nested in sorted(assembly.glob("assembly-*")):
        if nested.is_dir():
            found += sorted(nested.glob("*.assets.json"))
    return found


def find(assembly: str | Path, key: str) -> Asset | None:
    """The asset whose destination object key is `key`, as a manifest of the assembly lists
    it; None when no manifest lists it."""
    for manifest in _manifests(Path(assembly)):
        try:
            files = json.loads(manifest.read_text(encoding="utf-8")).get("files") or {}
        except (OSError, ValueError):
            continue
        for asset_id, entry in files.items():
            destinations = (entry.get("destinations") or {}).values()
            if not any(d.get("objectKey") == key for d in destinations if isinstance(d, dict)):
                continue
            path = (entry.get("source") or {}).get("path")
            return Asset(asset_id, manifest.parent / path if path else None, manifest)
    return None


def stack_name(template: str | Path) -> str | None:
    """The stack name the cloud assembly beside `template` gives it (its `manifest.json`),
    or None when the template is not part of one."""
    template = Path(template).resolve()
    try:
        manifest = json.loads((template.parent / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for artifact_id, artifact in (manifest.get("artifacts") or {}).items():
        properties = artifact.get("properties") or {}
        if (artifact.get("type") == "aws:cloudformation:stack"
                and properties.get("templateFile") == template.name):
            return properties.get("stackName") or artifact_id
    return None
