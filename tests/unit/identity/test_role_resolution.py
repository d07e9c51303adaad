"""Role-based access control: which role an authenticated identity gets from its token."""

import pytest

from cfn_cognito.identity.errors import (
    InvalidIdentityPoolConfigurationException,
    NotAuthorizedException,
)
from cfn_cognito.identity.role_resolution import choose_role, rule_matches

ROLE = "arn:aws:iam::000000000000:role/"
DEFAULT = ROLE + "default"
PROVIDER = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:client"


def rules(*rules, ambiguous="Deny") -> dict:
    return {"Type": "Rules", "AmbiguousRoleResolution": ambiguous, "RulesConfiguration": {
        "Rules": [{"Claim": c, "MatchType": m, "Value": v, "RoleARN": ROLE + r}
                  for c, m, v, r in rules]}}


def token(ambiguous="Deny") -> dict:
    return {"Type": "Token", "AmbiguousRoleResolution": ambiguous}


def test_without_a_mapping_the_authenticated_role_is_given():
    assert choose_role(None, {"sub": "x"}, DEFAULT, None, PROVIDER) == DEFAULT


def test_without_any_role_the_pool_is_misconfigured():
    with pytest.raises(InvalidIdentityPoolConfigurationException) as refused:
        choose_role(None, {}, None, None, PROVIDER)
    assert refused.value.message == ("Invalid identity pool configuration. Check assigned IAM "
                                     "roles for this pool.")


def test_the_first_matching_rule_wins():
    mapping = rules(("custom:tier", "Equals", "gold", "gold"),
                    ("cognito:groups", "Contains", "admin", "admins"),
                    ("email", "StartsWith", "boss@", "boss"))
    claims = {"custom:tier": "silver", "cognito:groups": ["staff", "admins-eu"],
              "email": "boss@example.com"}
    assert choose_role(mapping, claims, DEFAULT, None, PROVIDER) == ROLE + "admins"


@pytest.mark.parametrize("rule,claims,matches", [
    (("email_verified", "Equals", "true", "r"), {"email_verified": True}, True),
    (("cognito:groups", "Equals", "admins", "r"), {"cognito:groups": ["staff", "admins"]}, True),
    (("cognito:groups", "Equals", "admin", "r"), {"cognito:groups": ["admins"]}, False),
    (("cognito:groups", "NotEqual", "banned", "r"), {"cognito:groups": ["staff"]}, True),
    (("cognito:groups", "NotEqual", "banned", "r"), {"cognito:groups": ["banned", "x"]}, False),
    (("custom:plan", "StartsWith", "pro", "r"), {"custom:plan": "professional"}, True),
    (("custom:plan", "Contains", "ess", "r"), {"custom:plan": "business"}, True),
    (("custom:plan", "NotEqual", "free", "r"), {}, False),
])
def test_rule_match_types(rule, claims, matches):
    assert rule_matches(rules(rule)["RulesConfiguration"]["Rules"][0], claims) is matches


def test_no_matching_rule_with_deny_is_refused():
    with pytest.raises(NotAuthorizedException) as refused:
        choose_role(rules(("custom:tier", "Equals", "gold", "gold")), {}, DEFAULT, None, PROVIDER)
    assert refused.value.message == (
        f"The ambiguous role mapping rules for: {PROVIDER} denied this request.")


def test_no_matching_rule_falls_back_to_the_authenticated_role():
    mapping = rules(("custom:tier", "Equals", "gold", "gold"), ambiguous="AuthenticatedRole")
    assert choose_role(mapping, {}, DEFAULT, None, PROVIDER) == DEFAULT


def test_a_custom_role_picks_among_the_matching_rules():
    mapping = rules(("custom:tier", "Equals", "gold", "gold"),
                    ("custom:tier", "StartsWith", "go", "go"))
    claims = {"custom:tier": "gold"}
    assert choose_role(mapping, claims, DEFAULT, ROLE + "go", PROVIDER) == ROLE + "go"
    with pytest.raises(NotAuthorizedException):
        choose_role(mapping, claims, DEFAULT, ROLE + "other", PROVIDER)


def test_the_preferred_role_of_the_token_wins():
    claims = {"cognito:roles": [ROLE + "a", ROLE + "b"], "cognito:preferred_role": ROLE + "b"}
    assert choose_role(token(), claims, DEFAULT, None, PROVIDER) == ROLE + "b"


def test_a_single_token_role_is_taken():
    assert choose_role(token(), {"cognito:roles": [ROLE + "a"]}, DEFAULT, None, PROVIDER) == \
        ROLE + "a"


def test_several_token_roles_without_a_preferred_one_are_ambiguous():
    claims = {"cognito:roles": [ROLE + "a", ROLE + "b"]}
    with pytest.raises(NotAuthorizedException):
        choose_role(token(), claims, DEFAULT, None, PROVIDER)
    assert choose_role(token("AuthenticatedRole"), claims, DEFAULT, None, PROVIDER) == DEFAULT
    assert choose_role(token(), claims, DEFAULT, ROLE + "a", PROVIDER) == ROLE + "a"
