"""Where a request's template comes from: TemplateBody; TemplateURL, which here is a
`file://` path on the service's machine or an http(s) URL on this machine (one served by
this service, or by any server on loopback), since there is no S3; or the stack's own
(UsePreviousTemplate).

A template that cannot be read is refused with messages that quote its lines. So that
TemplateURL cannot be used to read other files of this machine (`file:///etc/shadow`) or
answers of other local servers through those messages, what a URL names must look like a
template first: a top-level `Resources` or `AWSTemplateFormatVersion` key; anything else is
refused without a word of its content.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.context import Context

LOG = logging.getLogger(__name__)

MAX_URL_TEMPLATE_BYTES = 1_000_000       # CloudFormation's limit for a template in S3
FETCH_TIMEOUT_SECONDS = 10
UNREADABLE = "TemplateURL must reference a valid S3 object to which you have access."
NOT_A_TEMPLATE = ("TemplateURL must reference a CloudFormation template: {} has no "
                  "top-level Resources or AWSTemplateFormatVersion key.")
# A top-level key of a YAML template (at the start of a line) or a key of a JSON one.
_TEMPLATE_KEY = re.compile(r"""^["']?(?:Resources|AWSTemplateFormatVersion)["']?[ \t]*:"""
                           r"""|"(?:Resources|AWSTemplateFormatVersion)"\s*:""", re.MULTILINE)


@dataclass
class Source:
    body: str
    # Where function code named by the template is (TemplateDir, CodeDir: see stacks.deploy).
    options: dict = field(default_factory=dict)


def template(ctx: Context, req: dict, previous: dict | None = None) -> Source:
    """The template a request names (TemplateBody wins over TemplateURL, as AWS has it);
    `previous` is the stack whose template UsePreviousTemplate reuses."""
    body, url = req.get("TemplateBody"), req.get("TemplateURL")
    if body is not None:
        return Source(body)
    if url is not None:
        return _fetch(ctx, url)
    if req.get("UsePreviousTemplate") and previous and previous.get("TemplateBody"):
        return Source(previous["TemplateBody"], dict(previous.get("Options") or {}))
    raise ValidationError("Either Template URL or Template Body must be specified.")


def _loopback(host: str, ctx: Context) -> bool:
    own = urllib.parse.urlsplit(ctx.settings.base_url).hostname
    if host in ("localhost", own) or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _fetch(ctx: Context, url: str) -> Source:
    parts = urllib.parse.urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    try:
        if scheme == "file" and host in ("", "localhost"):
            path = Path(urllib.request.url2pathname(parts.path))
            with path.open("rb") as f:
                data = f.read(MAX_URL_TEMPLATE_BYTES + 1)
            options = {"TemplateDir": str(path.resolve().parent)}
        elif scheme in ("http", "https") and _loopback(host, ctx):
            with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as answer:
                data = answer.read(MAX_URL_TEMPLATE_BYTES + 1)
            options = {}
        else:
            raise ValidationError("TemplateURL must be a supported URL.")
        if len(data) > MAX_URL_TEMPLATE_BYTES:
            raise ValidationError(f"Template may not exceed {MAX_URL_TEMPLATE_BYTES} bytes in "
                                  f"size.")
        text = data.decode("utf-8")
        if not _TEMPLATE_KEY.search(text):
            raise ValidationError(NOT_A_TEMPLATE.format(url))
        return Source(text, options)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        LOG.info("TemplateURL %s cannot be read: %s", url, err)
        raise ValidationError(UNREADABLE) from None
