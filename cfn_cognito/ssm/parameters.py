"""A small SSM Parameter Store: String and StringList parameters, kept with their last 100
versions, as the operations PutParameter, GetParameter(s), GetParametersByPath,
DescribeParameters and DeleteParameter(s) see them. CloudFormation's
`AWS::SSM::Parameter::Value<...>` parameters read it through `value_for_stack`.

SecureString parameters need KMS and are refused (UnsupportedParameterType), as are
parameter policies. Names, values and messages follow Parameter Store's rules.
"""

from __future__ import annotations

import base64
import binascii
import re

from cfn_cognito.context import Context
from cfn_cognito.ssm.errors import (
    HierarchyLevelLimitExceededException,
    InvalidFilterKey,
    InvalidFilterOption,
    InvalidNextToken,
    ParameterAlreadyExists,
    ParameterNotFound,
    ParameterPatternMismatchException,
    ParameterVersionNotFound,
    UnsupportedParameterType,
    ValidationException,
)

_SCOPE = ""
MAX_VERSIONS = 100
MAX_LEVELS = 15
# Parameter Store's limits on a value's length, by tier.
MAX_VALUE = {"Standard": 4096, "Advanced": 8192, "Intelligent-Tiering": 8192}
_NAME = re.compile(r"^/?[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)*$")
_BAD_NAME = ('Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If '
             'formed as a path, it can consist of sub-paths divided by slash symbol; each '
             'sub-path can be formed as a mix of letters, numbers and the following 3 symbols '
             '.-_')

# The CDK's bootstrap stack (`cdk bootstrap`) keeps its version in this parameter, and every
# synthesized template checks it (the CheckBootstrapVersion rule). No bootstrap stack exists
# here, so a stack reading it gets what the current bootstrap template writes, unless the
# parameter was put (`cfn-cognito parameter put /cdk-bootstrap/<qualifier>/version N`).
CDK_BOOTSTRAP_VERSION = "26"
_CDK_BOOTSTRAP = re.compile(r"^/cdk-bootstrap/[A-Za-z0-9_-]+/version$")


# Names and values ------------------------------------------------------------------------------

def _check_name(name: str) -> None:
    bare = name.lstrip("/")
    if not _NAME.match(name) or bare.lower().startswith(("aws", "ssm")):
        raise ValidationException(_BAD_NAME)
    if "/" in name and not name.startswith("/"):
        raise ValidationException("Parameter name must be a fully qualified name.")
    if name.count("/") > MAX_LEVELS:
        raise HierarchyLevelLimitExceededException(
            "Parameter name cannot have more than 15 levels of hierarchy.")


def _arn(ctx: Context, name: str) -> str:
    s = ctx.settings
    return f"arn:aws:ssm:{s.region}:{s.account_id}:parameter/{name.lstrip('/')}"


def _find(ctx: Context, name: str) -> dict | None:
    return ctx.store.ssm_parameters.get(_SCOPE, name)


def _split_selector(name: str) -> tuple[str, str | None]:
    base, sep, selector = name.rpartition(":")
    return (base, selector) if sep and "/" not in selector and base else (name, None)


# Shapes ----------------------------------------------------------------------------------------

def _parameter(ctx: Context, doc: dict, version: dict, selector: str | None = None) -> dict:
    """A version of a parameter as the Parameter shape."""
    out = {"Name": doc["Name"], "Type": doc["Type"], "Value": version["Value"],
           "Version": version["Version"], "LastModifiedDate": version["LastModifiedDate"],
           "ARN": _arn(ctx, doc["Name"]), "DataType": doc["DataType"]}
    if selector is not None:
        out["Selector"] = f":{selector}"
    return out


def _metadata(doc: dict) -> dict:
    """A parameter as the ParameterMetadata shape (DescribeParameters)."""
    latest = doc["History"][-1]
    out = {"Name": doc["Name"], "ARN": doc["ARN"], "Type": doc["Type"],
           "LastModifiedDate": latest["LastModifiedDate"], "LastModifiedUser": doc["User"],
           "Version": latest["Version"], "Tier": doc["Tier"], "Policies": [],
           "DataType": doc["DataType"]}
    for key in ("Description", "AllowedPattern"):
        if doc.get(key):
            out[key] = doc[key]
    return out


# Operations ------------------------------------------------------------------------------------

def put_parameter(ctx: Context, req: dict) -> dict:
    name, value = req["Name"], req["Value"]
    _check_name(name)
    kind = req.get("Type")
    if kind == "SecureString":
        raise UnsupportedParameterType("SecureString parameters need KMS, which cfn-cognito "
                                       "does not have: use String or StringList")
    if req.get("Policies"):
        raise ValidationException("Parameter policies are not supported by cfn-cognito")
    data_type = req.get("DataType") or "text"
    if data_type != "text":
        raise ValidationException(f"The following data type is not supported: {data_type} "
                                  f"(cfn-cognito takes text)")
    with ctx.store.write():
        doc = _find(ctx, name)
        if doc is not None and not req.get("Overwrite"):
            raise ParameterAlreadyExists("The parameter already exists. To overwrite this "
                                         "value, set the overwrite option in the request to "
                                         "true.")
        if doc is not None and req.get("Tags"):
            raise ValidationException("Tags and Overwrite can't be used together. To create "
                                      "a parameter with tags, please remove overwrite flag. "
                                      "To update tags for an existing parameter, please use "
                                      "AddTagsToResource or RemoveTagsFromResource.")
        if doc is None and kind is None:
            raise ValidationException("A parameter type is required when you create a "
                                      "parameter.")
        doc = doc or {"Name": name, "ARN": _arn(ctx, name), "History": [], "Tags":
                      req.get("Tags") or [], "DataType": data_type, "Tier": "Standard",
                      "User": f"arn:aws:iam::{ctx.settings.account_id}:root"}
        if kind and kind != doc.get("Type", kind):
            raise ValidationException("The parameter type can't be changed. To change the "
                                      "type, delete the parameter and create it again.")
        tier = req.get("Tier") or doc["Tier"]
        if tier == "Intelligent-Tiering":
            tier = "Advanced" if len(value) > MAX_VALUE["Standard"] else "Standard"
        if len(value) > MAX_VALUE[tier]:
            raise ValidationException(
                "Standard tier parameters support a maximum parameter value of 4096 "
                "characters. To create a larger parameter value, upgrade the parameter to use "
                "the advanced-parameter tier." if tier == "Standard" else
                "Advanced tier parameters support a maximum parameter value of 8192 characters.")
        pattern = req.get("AllowedPattern", doc.get("AllowedPattern"))
        if pattern and re.fullmatch(pattern, value) is None:
            raise ParameterPatternMismatchException(
                f"Parameter value, cannot be validated against allowedPattern: {pattern}")
        version = (doc["History"][-1]["Version"] + 1) if doc["History"] else 1
        doc.update(Type=kind or doc["Type"], Tier=tier)
        for key in ("Description", "AllowedPattern"):
            if key in req:
                doc[key] = req[key]
        doc["History"] = (doc["History"] + [{"Version": version, "Value": value,
                                             "LastModifiedDate": ctx.now()}])[-MAX_VERSIONS:]
        store = ctx.store.ssm_parameters
        if version == 1:
            store.insert(_SCOPE, name, doc)
        else:
            store.replace(_SCOPE, name, doc)
    return {"Version": version, "Tier": tier}


def _version(doc: dict, selector: str | None) -> dict:
    if selector is None:
        return doc["History"][-1]
    if not selector.isdigit():
        # Labels are set by LabelParameterVersion, which this store does not run.
        raise ParameterVersionNotFound(f"Systems Manager could not find version {selector} "
                                       f"of {doc['Name']}. Verify the version and try again.")
    for version in doc["History"]:
        if version["Version"] == int(selector):
            return version
    raise ParameterVersionNotFound(f"Systems Manager could not find version {selector} of "
                                   f"{doc['Name']}. Verify the version and try again.")


def _get(ctx: Context, name_with_selector: str) -> dict | None:
    name, selector = _split_selector(name_with_selector)
    doc = _find(ctx, name)
    if doc is None:
        return None
    return _parameter(ctx, doc, _version(doc, selector), selector)


def get_parameter(ctx: Context, req: dict) -> dict:
    found = _get(ctx, req["Name"])
    if found is None:
        raise ParameterNotFound("")
    return {"Parameter": found}


def get_parameters(ctx: Context, req: dict) -> dict:
    found, invalid = [], []
    for name in dict.fromkeys(req["Names"]):
        try:
            parameter = _get(ctx, name)
        except ParameterVersionNotFound:
            parameter = None
        if parameter is None:
            invalid.append(name)
        else:
            found.append(parameter)
    return {"Parameters": found, "InvalidParameters": invalid}


def delete_parameter(ctx: Context, req: dict) -> dict:
    if not ctx.store.ssm_parameters.delete(_SCOPE, req["Name"]):
        raise ParameterNotFound(f"Parameter {req['Name']} not found.")
    return {}


def delete_parameters(ctx: Context, req: dict) -> dict:
    deleted, invalid = [], []
    for name in dict.fromkeys(req["Names"]):
        (deleted if ctx.store.ssm_parameters.delete(_SCOPE, name) else invalid).append(name)
    return {"DeletedParameters": deleted, "InvalidParameters": invalid}


# Listing ---------------------------------------------------------------------------------------

def _page(items: list, req: dict, default_size: int) -> tuple[list, str | None]:
    token = req.get("NextToken")
    try:
        start = int(base64.urlsafe_b64decode(token.encode()).decode()) if token else 0
    except (ValueError, binascii.Error, UnicodeError):
        raise InvalidNextToken("The specified token isn't valid.") from None
    size = req.get("MaxResults") or default_size
    end = start + size
    more = end < len(items)
    return items[start:end], base64.urlsafe_b64encode(str(end).encode()).decode() if more \
        else None


def _under(name: str, path: str, recursive: bool) -> bool:
    prefix = path.rstrip("/") + "/"
    if not name.startswith(prefix):
        return False
    return recursive or "/" not in name[len(prefix):]


def _matches(doc: dict, key: str, option: str, values: list[str]) -> bool:
    if key.startswith("tag:"):
        tags = {t["Key"]: t["Value"] for t in doc.get("Tags") or []}
        return key[4:] in tags and (not values or tags[key[4:]] in values)
    if key == "Path":
        return any(_under(doc["Name"], v, option == "Recursive") for v in values)
    field = {"Name": doc["Name"], "Type": doc["Type"], "Tier": doc["Tier"],
             "DataType": doc["DataType"]}.get(key)
    if field is None:           # KeyId (SecureString only) and Label: none exist here
        return False
    if option == "BeginsWith":
        return any(field.startswith(v) for v in values)
    if option == "Contains":
        return any(v in field for v in values)
    return field in values


_OPTIONS = {"Name": ("Equals", "BeginsWith", "Contains"), "Path": ("Recursive", "OneLevel"),
            "Type": ("Equals",), "Tier": ("Equals",), "DataType": ("Equals",),
            "KeyId": ("Equals",), "Label": ("Equals",)}


def _filters(req: dict) -> list[tuple[str, str, list[str]]]:
    found = []
    for f in req.get("Filters") or []:      # the older form: Name means BeginsWith
        found.append((f["Key"], "BeginsWith" if f["Key"] == "Name" else "Equals", f["Values"]))
    for f in req.get("ParameterFilters") or []:
        key = f["Key"]
        allowed = ("Equals",) if key.startswith("tag:") else _OPTIONS.get(key, ())
        default = "OneLevel" if key == "Path" else "Equals"
        option = f.get("Option") or default
        if option not in allowed:
            raise InvalidFilterOption(f"The filter option is not valid. Valid options are "
                                      f"{', '.join(allowed)}.")
        values = f.get("Values") or []
        if not values and not key.startswith("tag:"):
            raise InvalidFilterKey(f"The following filter key requires values: {key}")
        found.append((key, option, values))
    return found


def describe_parameters(ctx: Context, req: dict) -> dict:
    if req.get("Shared"):
        return {"Parameters": []}       # nothing is shared with this account here
    filters = _filters(req)
    docs = [d for d in ctx.store.ssm_parameters.all(_SCOPE)
            if all(_matches(d, *f) for f in filters)]
    page, token = _page(sorted(docs, key=lambda d: d["Name"]), req, 10)
    out = {"Parameters": [_metadata(d) for d in page]}
    if token:
        out["NextToken"] = token
    return out


def get_parameters_by_path(ctx: Context, req: dict) -> dict:
    path = req["Path"]
    if not path.startswith("/"):
        raise ValidationException("The parameter doesn't meet the parameter name requirements. "
                                  "The parameter name must begin with a forward slash \"/\".")
    filters = _filters({"ParameterFilters": req.get("ParameterFilters")})
    docs = [d for d in ctx.store.ssm_parameters.all(_SCOPE)
            if _under(d["Name"], path, bool(req.get("Recursive")))
            and all(_matches(d, *f) for f in filters)]
    page, token = _page(sorted(docs, key=lambda d: d["Name"]), req, 10)
    out = {"Parameters": [_parameter(ctx, d, d["History"][-1]) for d in page]}
    if token:
        out["NextToken"] = token
    return out


# For CloudFormation ----------------------------------------------------------------------------

def value_for_stack(ctx: Context, name: str) -> tuple[str, str] | None:
    """(value, type) of the parameter a stack's `AWS::SSM::Parameter::Value<...>` parameter
    names, or None when there is none. The CDK bootstrap version is answered as a current
    bootstrap stack would have set it (see CDK_BOOTSTRAP_VERSION)."""
    try:
        found = _get(ctx, name)
    except ParameterVersionNotFound:
        found = None
    if found is not None:
        return found["Value"], found["Type"]
    if _CDK_BOOTSTRAP.match(name):
        return CDK_BOOTSTRAP_VERSION, "String"
    return None
