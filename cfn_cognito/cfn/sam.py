"""The SAM transform (`Transform: AWS::Serverless-2016-10-31`), run here, offline, by
aws-sam-translator: the library `sam deploy` and CloudFormation's own SAM macro use.

It makes no AWS call: the region is handed to it, managed policy names come from the map
bundled with it, and AWS::Serverless::Application (which would fetch from the Serverless
Application Repository) is refused before it runs. A function's CodeUri naming a local
directory or zip (as `sam build`/`sam deploy` take it) becomes the generated function's
`Code` as that path, which the Lambda provider reads relative to the template. A template
the translator refuses fails with its messages, before anything is made.
"""

from __future__ import annotations

import copy
import json
import threading
import urllib.parse

from cfn_cognito.cfn.findings import Finding, TemplateError, at

NAME = "AWS::Serverless-2016-10-31"

# A CodeUri that is a local path is handed to the translator as an S3 URI in this bucket
# (what it insists on), and turned back into the path after.
_LOCAL_BUCKET = "cfn-cognito-local-code"
# Types that would make the translator call AWS.
_REFUSED = {"AWS::Serverless::Application": "it deploys an application from the Serverless "
                                            "Application Repository or S3"}
# The translator keeps global state (the region, its metrics), so one runs at a time.
_LOCK = threading.Lock()


def transform(body: dict, region: str, parameters: dict | None = None) -> dict:
    """The template `body` with its SAM resources rewritten into CloudFormation ones;
    TemplateError with the translator's messages when it refuses the template."""
    refused = _refused(body)
    if refused:
        raise TemplateError(refused)
    template = _plain(body)
    _hide_local_code(template)
    expanded = _translate(template, region, parameters or {}, body)
    _reveal_local_code(expanded)
    return expanded


def _plain(body: dict) -> dict:
    # The loader's nodes carry their positions; the translator wants plain dicts and lists.
    return json.loads(json.dumps(body, default=str))


def _refused(body: dict) -> list[Finding]:
    resources = body.get("Resources") if isinstance(body.get("Resources"), dict) else {}
    return [at(resource["Type"], f"Resource type {resource['Type']} of {logical_id} is not "
                                 f"supported by cfn-cognito: {_REFUSED[resource['Type']]}",
               "CFNC0003", f"Resources/{logical_id}/Type")
            for logical_id, resource in resources.items()
            if isinstance(resource, dict) and resource.get("Type") in _REFUSED]


def _is_local(uri) -> bool:
    return isinstance(uri, str) and bool(uri) and not uri.startswith("s3://")


def _hide_local_code(template: dict) -> None:
    """Local CodeUri paths (on functions, and in Globals) as placeholder S3 URIs."""
    places = [(template.get("Globals") or {}).get("Function")]
    places += [r.get("Properties") for r in (template.get("Resources") or {}).values()
               if isinstance(r, dict) and r.get("Type") == "AWS::Serverless::Function"]
    for props in places:
        if isinstance(props, dict) and _is_local(props.get("CodeUri")):
            props["CodeUri"] = f"s3://{_LOCAL_BUCKET}/{urllib.parse.quote(props['CodeUri'])}"


def _reveal_local_code(template: dict) -> None:
    for resource in (template.get("Resources") or {}).values():
        if not isinstance(resource, dict) or resource.get("Type") != "AWS::Lambda::Function":
            continue
        props = resource.get("Properties") or {}
        code = props.get("Code")
        if isinstance(code, dict) and code.get("S3Bucket") == _LOCAL_BUCKET:
            props["Code"] = urllib.parse.unquote(code["S3Key"])


def _translate(template: dict, region: str, parameters: dict, written: dict) -> dict:
    import boto3    # a session only names the region here: nothing is called
    from samtranslator.metrics.metrics import DummyMetricsPublisher, Metrics
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    values = {**copy.deepcopy(parameters), "AWS::Region": region}
    with _LOCK:
        metrics = Metrics("ServerlessTransform", DummyMetricsPublisher())
        session = boto3.session.Session(region_name=region, aws_access_key_id="local",
                                        aws_secret_access_key="local")
        translator = Translator(None, Parser(), metrics=metrics, boto_session=session)
        try:
            return translator.translate(template, parameter_values=values,
                                        get_managed_policy_map=dict)
        except InvalidDocumentException as err:
            text = " ".join([err.message, *(cause.message for cause in err.causes)])
            raise TemplateError([_finding(text, err.causes, written)]) from None
        except Exception as err:    # the translator's own slip on an odd template
            raise TemplateError([_finding(str(err) or type(err).__name__, [], written)]) \
                from None
        finally:
            metrics.publish()       # to nowhere; unpublished ones are warned about


def _finding(message: str, causes, written: dict) -> Finding:
    """The translator's message as CloudFormation words a failed transform, placed at the
    first resource a cause names."""
    message = f"Transform {NAME} failed with: {message}"
    resources = written.get("Resources") if isinstance(written.get("Resources"), dict) else {}
    named = [getattr(cause, "_logical_id", None) for cause in causes]
    key = next((k for k in resources if k in named), None)
    if key is None:
        return Finding(message, rule="CFNC0040")
    return at(key, message, "CFNC0040", f"Resources/{key}")
