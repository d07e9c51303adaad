"""The AWS query protocol's output: an operation's result written as XML per its output
shape (`<XResponse xmlns=...><XResult>...</XResult><ResponseMetadata>...`), and errors as
`<ErrorResponse>`. Only members of the shape are written, in the model's order, so an
operation may hand back more than its answer holds.
"""

from __future__ import annotations

import base64
import datetime
import re
from xml.sax.saxutils import escape

from botocore.model import OperationModel, Shape

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _timestamp(value) -> str:
    if isinstance(value, (int, float)):
        moment = datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return str(value)


def _scalar(shape: Shape, value) -> str:
    kind = shape.type_name
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "timestamp":
        return _text(_timestamp(value))
    if kind == "blob":
        raw = value.encode() if isinstance(value, str) else value
        return base64.b64encode(raw).decode()
    if kind in ("integer", "long"):
        return str(int(value))
    if kind in ("float", "double"):
        return repr(float(value))
    return _text(str(value))


def _element(name: str, shape: Shape, value, out: list[str]) -> None:
    kind = shape.type_name
    if kind == "list" and shape.serialization.get("flattened"):
        for item in value:
            _element(name, shape.member, item, out)
        return
    out.append(f"<{name}>")
    _content(shape, value, out)
    out.append(f"</{name}>")


def _content(shape: Shape, value, out: list[str]) -> None:
    kind = shape.type_name
    if kind == "structure":
        for name, member in shape.members.items():
            if isinstance(value, dict) and value.get(name) is not None:
                _element(member.serialization.get("name", name), member, value[name], out)
    elif kind == "list":
        item_name = shape.member.serialization.get("name", "member")
        for item in value:
            _element(item_name, shape.member, item, out)
    elif kind == "map":
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        for key, item in value.items():
            out.append("<entry>")
            _element(key_name, shape.key, key, out)
            _element(value_name, shape.value, item, out)
            out.append("</entry>")
    else:
        out.append(_scalar(shape, value))


def response(operation: OperationModel, result: dict, namespace: str, request_id: str) -> bytes:
    """The XML answer of `operation` with `result`."""
    name = operation.name
    out = [f'<{name}Response xmlns="{namespace}">']
    shape = operation.output_shape
    if shape is not None:
        wrapper = shape.serialization.get("resultWrapper", f"{name}Result")
        _element(wrapper, shape, result or {}, out)
    out.append(f"<ResponseMetadata><RequestId>{_text(request_id)}</RequestId>"
               f"</ResponseMetadata></{name}Response>")
    return "".join(out).encode()


def error(kind: str, code: str, message: str, namespace: str, request_id: str) -> bytes:
    """An `<ErrorResponse>`; `kind` is Sender (the caller's fault) or Receiver (ours)."""
    body = (f'<ErrorResponse xmlns="{namespace}"><Error><Type>{kind}</Type>'
            f"<Code>{_text(code)}</Code>")
    if message:
        body += f"<Message>{_text(message)}</Message>"
    body += f"</Error><RequestId>{_text(request_id)}</RequestId></ErrorResponse>"
    return body.encode()
