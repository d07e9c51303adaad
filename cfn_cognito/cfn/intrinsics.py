"""Intrinsic functions, condition functions and pseudo parameters.

`Resolver(scope).resolve(value)` turns a template value into plain data: Ref, Fn::GetAtt,
Fn::Sub (both forms), Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::If, Fn::Equals,
Fn::And, Fn::Or, Fn::Not, Condition, Fn::ImportValue, Fn::Base64, Fn::GetAZs. `AWS::NoValue`
removes the member or list item it stands for. Errors name the function and carry the node,
so the caller can point at its line; the messages are CloudFormation's where it has one.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Callable

from cfn_cognito.cfn.findings import position

NO_VALUE = object()     # what Ref AWS::NoValue resolves to, removed by the parent

# Availability zones as Fn::GetAZs lists them (us-east-1 has six; a region here has three).
_AZ_LETTERS = {"us-east-1": "abcdef"}

_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")


class ResolveError(Exception):
    def __init__(self, message: str, node=None):
        super().__init__(message)
        self.message = message
        self.line, self.column = position(node)


def partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def url_suffix(region: str) -> str:
    return "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"


def availability_zones(region: str) -> list[str]:
    return [region + letter for letter in _AZ_LETTERS.get(region, "abc")]


def pseudo_parameters(region: str, account_id: str, stack_name: str, stack_id: str) -> dict:
    return {
        "AWS::Region": region,
        "AWS::AccountId": account_id,
        "AWS::StackName": stack_name,
        "AWS::StackId": stack_id,
        "AWS::Partition": partition(region),
        "AWS::URLSuffix": url_suffix(region),
        "AWS::NotificationARNs": [],
        "AWS::NoValue": NO_VALUE,
    }


@dataclass
class Scope:
    """What names resolve to while a stack is deployed."""

    region: str
    parameters: dict                    # name -> value (str or list), pseudo ones included
    mappings: dict = field(default_factory=dict)
    conditions: dict = field(default_factory=dict)      # name -> bool
    # Resources: logical id -> physical id / attribute value; raise KeyError when unknown.
    ref: Callable[[str], object] = None
    get_att: Callable[[str, str], object] = None
    import_value: Callable[[str], str] = None           # KeyError when no such export


class Resolver:
    def __init__(self, scope: Scope):
        self.scope = scope

    # The walk ------------------------------------------------------------------------------

    def resolve(self, value):
        """`value` with every intrinsic function resolved (NO_VALUE for AWS::NoValue)."""
        if isinstance(value, dict):
            if len(value) == 1:
                (key, arg), = value.items()
                handler = _FUNCTIONS.get(key)
                if handler is not None:
                    return handler(self, arg, value)
            out = {}
            for k, v in value.items():
                resolved = self.resolve(v)
                if resolved is not NO_VALUE:
                    out[str(k)] = resolved
            return out
        if isinstance(value, list):
            return [r for r in (self.resolve(v) for v in value) if r is not NO_VALUE]
        if isinstance(value, str):
            return str(value)
        return value

    def string(self, value, function: str, node) -> str:
        resolved = self.resolve(value)
        if isinstance(resolved, bool):
            return "true" if resolved else "false"
        if isinstance(resolved, (int, float)):
            return str(resolved)
        if not isinstance(resolved, str):
            raise ResolveError(f"Template error: every {function} object requires string "
                               f"values", node)
        return resolved

    def list(self, value, function: str, node) -> list:
        resolved = self.resolve(value)
        if not isinstance(resolved, list):
            raise ResolveError(f"Template error: {function} requires a list", node)
        return resolved

    def condition(self, name, node) -> bool:
        try:
            return self.scope.conditions[str(name)]
        except KeyError:
            raise ResolveError(f"Template format error: Unresolved condition dependency "
                               f"{name}", node) from None

    # Functions -----------------------------------------------------------------------------

    def _ref(self, name, node):
        if not isinstance(name, str):
            raise ResolveError("Template error: Ref requires a name", node)
        if name in self.scope.parameters:
            return self.scope.parameters[name]
        try:
            return self.scope.ref(name)
        except (KeyError, TypeError):
            raise ResolveError(f"Template format error: Unresolved resource dependencies "
                               f"[{name}] in the Resources block of the template", node) from None

    def _get_att(self, arg, node):
        if isinstance(arg, str):
            logical_id, _, attribute = arg.partition(".")
        elif isinstance(arg, list) and len(arg) == 2:
            logical_id = arg[0]
            attribute = self.string(arg[1], "Fn::GetAtt", node)
        else:
            raise ResolveError("Template error: every Fn::GetAtt object requires two "
                               "non-empty parameters", node)
        if not logical_id or not attribute:
            raise ResolveError("Template error: every Fn::GetAtt object requires two "
                               "non-empty parameters", node)
        try:
            return self.scope.get_att(str(logical_id), attribute)
        except (KeyError, TypeError):
            raise ResolveError(f"Template error: resource {logical_id} does not support "
                               f"attribute type {attribute} in Fn::GetAtt", node) from None

    def _sub(self, arg, node):
        if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], dict):
            text, variables = arg[0], {str(k): v for k, v in arg[1].items()}
        elif isinstance(arg, str):
            text, variables = arg, {}
        else:
            raise ResolveError("Template error: Fn::Sub requires a string or a list of a "
                               "string and a map", node)
        if not isinstance(text, str):
            raise ResolveError("Template error: the first Fn::Sub parameter must be a string",
                               node)

        def replace(match: re.Match) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            name = name.strip()
            if name in variables:
                return self.string(variables[name], "Fn::Sub", node)
            if name in self.scope.parameters:
                value = self.scope.parameters[name]
            elif "." in name and not name.startswith("AWS::"):
                value = self._get_att(name, node)
            else:
                value = self._ref(name, node)
            if isinstance(value, list):
                raise ResolveError(f"Template error: variable {name} in Fn::Sub expression "
                                   f"{text} must resolve to a string", node)
            return self.string(value, "Fn::Sub", node)

        return _SUB_VARIABLE.sub(replace, text)

    def _join(self, arg, node):
        if not (isinstance(arg, list) and len(arg) == 2):
            raise ResolveError("Template error: every Fn::Join object requires two parameters, "
                               "(1) a string delimiter and (2) a list of strings to be joined "
                               "or a function that returns a list of strings", node)
        delimiter = self.string(arg[0], "Fn::Join", node)
        items = self.list(arg[1], "Fn::Join", node)
        return delimiter.join(self.string(item, "Fn::Join", node) for item in items)

    def _select(self, arg, node):
        if not (isinstance(arg, list) and len(arg) == 2):
            raise ResolveError("Template error: Fn::Select requires a list argument with two "
                               "elements: an integer index and a list", node)
        index = self.resolve(arg[0])
        try:
            index = int(index)
        except (TypeError, ValueError):
            raise ResolveError("Template error: Fn::Select requires a list argument with two "
                               "elements: an integer index and a list", node) from None
        items = self.list(arg[1], "Fn::Select", node)
        if not 0 <= index < len(items):
            raise ResolveError(f"Template error: Fn::Select cannot select nonexistent value "
                               f"at index {index}", node)
        return items[index]

    def _split(self, arg, node):
        if not (isinstance(arg, list) and len(arg) == 2):
            raise ResolveError("Template error: every Fn::Split object requires two "
                               "parameters, (1) a string delimiter and (2) a string to be "
                               "split or a function that returns a string to be split", node)
        delimiter = self.string(arg[0], "Fn::Split", node)
        source = self.string(arg[1], "Fn::Split", node)
        return source.split(delimiter) if delimiter else [source]

    def _find_in_map(self, arg, node):
        if not (isinstance(arg, list) and len(arg) in (3, 4)):
            raise ResolveError("Template error: every Fn::FindInMap object requires three "
                               "parameters, the map name, map key and the attribute for return "
                               "value", node)
        names = [self.string(a, "Fn::FindInMap", node) for a in arg[:3]]
        value = self.scope.mappings.get(names[0], {})
        for key in names[1:]:
            value = value.get(key) if isinstance(value, dict) else None
            if value is None:
                break
        if value is None:
            default = arg[3].get("DefaultValue") if len(arg) == 4 and isinstance(arg[3], dict) \
                else None
            if default is None:
                raise ResolveError(f"Template error: Unable to get mapping for "
                                   f"{'::'.join(names)}", node)
            return self.resolve(default)
        return self.resolve(value)

    def _if(self, arg, node):
        if not (isinstance(arg, list) and len(arg) == 3):
            raise ResolveError("Template error: Fn::If requires a list argument with three "
                               "elements", node)
        branch = arg[1] if self.condition(arg[0], node) else arg[2]
        return self.resolve(branch)

    def _equals(self, arg, node):
        if not (isinstance(arg, list) and len(arg) == 2):
            raise ResolveError("Template error: Fn::Equals requires a list argument with two "
                               "elements", node)
        left, right = (self._comparable(self.resolve(a)) for a in arg)
        return left == right

    @staticmethod
    def _comparable(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return str(value)
        return value

    def _truth(self, value, function: str, node) -> bool:
        resolved = self.resolve(value)
        if not isinstance(resolved, bool):
            raise ResolveError(f"Template error: {function} requires condition functions", node)
        return resolved

    def _and(self, arg, node):
        if not (isinstance(arg, list) and 2 <= len(arg) <= 10):
            raise ResolveError("Template error: Fn::And requires a list of 2 to 10 conditions",
                               node)
        return all([self._truth(a, "Fn::And", node) for a in arg])

    def _or(self, arg, node):
        if not (isinstance(arg, list) and 2 <= len(arg) <= 10):
            raise ResolveError("Template error: Fn::Or requires a list of 2 to 10 conditions",
                               node)
        return any([self._truth(a, "Fn::Or", node) for a in arg])

    def _not(self, arg, node):
        if not (isinstance(arg, list) and len(arg) == 1):
            raise ResolveError("Template error: Fn::Not requires a list argument with one "
                               "function token", node)
        return not self._truth(arg[0], "Fn::Not", node)

    def _condition(self, name, node):
        return self.condition(name, node)

    def _import_value(self, arg, node):
        name = self.string(arg, "Fn::ImportValue", node)
        try:
            return self.scope.import_value(name)
        except (KeyError, TypeError):
            raise ResolveError(f"No export named {name} found.", node) from None

    def _base64(self, arg, node):
        text = self.string(arg, "Fn::Base64", node)
        return base64.b64encode(text.encode()).decode()

    def _get_azs(self, arg, node):
        region = self.resolve(arg) if arg not in ("", None) else ""
        if not isinstance(region, str):
            raise ResolveError("Template error: Fn::GetAZs requires a region name", node)
        return availability_zones(region or self.scope.region)


_FUNCTIONS = {
    "Ref": Resolver._ref,
    "Fn::GetAtt": Resolver._get_att,
    "Fn::Sub": Resolver._sub,
    "Fn::Join": Resolver._join,
    "Fn::Select": Resolver._select,
    "Fn::Split": Resolver._split,
    "Fn::FindInMap": Resolver._find_in_map,
    "Fn::If": Resolver._if,
    "Fn::Equals": Resolver._equals,
    "Fn::And": Resolver._and,
    "Fn::Or": Resolver._or,
    "Fn::Not": Resolver._not,
    "Condition": Resolver._condition,
    "Fn::ImportValue": Resolver._import_value,
    "Fn::Base64": Resolver._base64,
    "Fn::GetAZs": Resolver._get_azs,
}


def evaluate_conditions(conditions: dict, scope: Scope) -> dict[str, bool]:
    """Every condition of the Conditions section, each evaluated once (a condition may use
    another with `Condition`); ResolveError on a cycle or an unknown name."""
    results: dict[str, bool] = {}
    visiting: set[str] = set()

    class _Lazy(dict):
        def __missing__(self, name):
            if name not in conditions:
                raise KeyError(name)
            if name in visiting:
                raise ResolveError(f"Template error: circular condition dependency on {name}",
                                   name)
            visiting.add(name)
            value = Resolver(scope).resolve(conditions[name])
            visiting.discard(name)
            if not isinstance(value, bool):
                raise ResolveError(f"Template error: condition {name} must be a condition "
                                   f"function", conditions[name])
            self[name] = value
            return value

    lazy = _Lazy()
    scope.conditions = lazy
    for name in conditions:
        results[str(name)] = lazy[name]
    scope.conditions = results
    return results
