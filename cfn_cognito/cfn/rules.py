"""The template's Rules, checked with the deploy's parameter values before anything changes.

Each rule's RuleCondition (when it has one) decides whether its Assertions apply; an
assertion that does not hold refuses the deploy with its AssertDescription, as CloudFormation
does. Besides Ref and the condition functions (Fn::And, Fn::Equals, Fn::If, Fn::Not, Fn::Or),
rules have their own functions:

- Fn::Contains [list, string]: whether the string is one of the list's values.
- Fn::EachMemberEquals [list, string]: whether every value of the list is the string.
- Fn::EachMemberIn [list, list]: whether every value of the first list is in the second.
- Fn::RefAll "type": every value of an AWS-specific parameter type that exists in the account
  and region. Here that is the region's availability zones for
  AWS::EC2::AvailabilityZone::Name, and nothing for the other types (no VPC, subnet, key
  pair... exists in cfn-cognito).
- Fn::ValueOf [parameter, attribute] / Fn::ValueOfAll [type, attribute]: an attribute of the
  AWS resource a parameter names (a VPC's tags, a subnet's VPC...). No such resource exists
  here, so a rule that reads one is refused, naming it.
"""

from __future__ import annotations

from cfn_cognito.cfn.findings import Finding, position
from cfn_cognito.cfn.intrinsics import ResolveError, Resolver, Scope, availability_zones

RULE = "CFNC0013"


class RuleResolver(Resolver):
    """A Resolver that knows the rule-specific functions as well."""

    def resolve(self, value):
        if isinstance(value, dict) and len(value) == 1:
            (key, arg), = value.items()
            handler = _RULE_FUNCTIONS.get(key)
            if handler is not None:
                return handler(self, arg, value)
        return super().resolve(value)

    def _strings(self, value, function: str, node) -> list[str]:
        resolved = self.resolve(value)
        items = resolved if isinstance(resolved, list) else [resolved]
        return [self._comparable(item) for item in items]

    def _pair(self, arg, function: str, node):
        if not (isinstance(arg, list) and len(arg) == 2):
            raise ResolveError(f"Template error: {function} requires a list argument with two "
                               f"elements", node)
        return arg

    def _contains(self, arg, node):
        values, wanted = self._pair(arg, "Fn::Contains", node)
        return self._comparable(self.resolve(wanted)) in self._strings(values, "Fn::Contains",
                                                                       node)

    def _each_member_equals(self, arg, node):
        values, wanted = self._pair(arg, "Fn::EachMemberEquals", node)
        wanted = self._comparable(self.resolve(wanted))
        return all(v == wanted for v in self._strings(values, "Fn::EachMemberEquals", node))

    def _each_member_in(self, arg, node):
        values, allowed = self._pair(arg, "Fn::EachMemberIn", node)
        allowed = self._strings(allowed, "Fn::EachMemberIn", node)
        return all(v in allowed for v in self._strings(values, "Fn::EachMemberIn", node))

    def _ref_all(self, arg, node):
        kind = self.string(arg, "Fn::RefAll", node)
        if kind == "AWS::EC2::AvailabilityZone::Name":
            return availability_zones(self.scope.region)
        return []

    def _value_of(self, arg, node):
        name, attribute = self._pair(arg, "Fn::ValueOf", node)
        value = self.resolve({"Ref": name})
        raise ResolveError(f"Template error: Fn::ValueOf reads {attribute} of {value} "
                           f"(parameter {name}), an AWS resource that does not exist in "
                           f"cfn-cognito", node)

    def _value_of_all(self, arg, node):
        kind, attribute = self._pair(arg, "Fn::ValueOfAll", node)
        raise ResolveError(f"Template error: Fn::ValueOfAll reads {attribute} of every {kind} "
                           f"given, AWS resources that do not exist in cfn-cognito", node)


_RULE_FUNCTIONS = {
    "Fn::Contains": RuleResolver._contains,
    "Fn::EachMemberEquals": RuleResolver._each_member_equals,
    "Fn::EachMemberIn": RuleResolver._each_member_in,
    "Fn::RefAll": RuleResolver._ref_all,
    "Fn::ValueOf": RuleResolver._value_of,
    "Fn::ValueOfAll": RuleResolver._value_of_all,
}


def _holds(resolver: RuleResolver, value, what: str, node) -> bool:
    result = resolver.resolve(value)
    if not isinstance(result, bool):
        raise ResolveError(f"Template error: {what} must be a condition function", node)
    return result


def check(rules: dict, scope: Scope) -> list[Finding]:
    """A finding for each assertion that fails (or cannot be evaluated), rule by rule."""
    findings = []
    resolver = RuleResolver(scope)
    for name, rule in rules.items():
        if not isinstance(rule, dict):
            continue
        try:
            if "RuleCondition" in rule and not _holds(
                    resolver, rule["RuleCondition"], f"the RuleCondition of rule {name}", rule):
                continue
            for assertion in rule.get("Assertions") or []:
                if not isinstance(assertion, dict):
                    continue
                if _holds(resolver, assertion.get("Assert"),
                          f"an assertion of rule {name}", assertion):
                    continue
                line, column = position(assertion)
                text = assertion.get("AssertDescription")
                findings.append(Finding(str(text) if text else
                                        f"Template error: an assertion of rule {name} failed",
                                        line, column, RULE))
        except ResolveError as err:
            findings.append(Finding(err.message, err.line, err.column, RULE))
    return findings
