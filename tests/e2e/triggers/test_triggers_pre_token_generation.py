"""PreTokenGeneration V1 (ID token claims, groups) and V2 (both tokens, scopes), chosen by
LambdaConfig.PreTokenGenerationConfig.LambdaVersion, on sign-in, refresh and the new
password challenge."""

from trigger_helpers import (  # noqa: F401
    PASSWORD,
    app_client,
    claims,
    confirmed_user,
    error_of,
    functions,
    password_sign_in,
    trigger_pool,
)

V1 = """
from record import record

def handler(event, context):
    record(event)
    event["response"]["claimsOverrideDetails"] = {
        "claimsToAddOrOverride": {"tenant": "acme", "name": "Alice A.", "level": 3, "sub": "x"},
        "claimsToSuppress": ["email", "tenant_hidden"],
        "groupOverrideDetails": {
            "groupsToOverride": ["readers", "writers"],
            "iamRolesToOverride": ["arn:aws:iam::000000000000:role/readers"],
            "preferredRole": "arn:aws:iam::000000000000:role/readers",
        },
    }
    return event
"""

V2 = """
from record import record

def handler(event, context):
    record(event)
    event["response"]["claimsAndScopeOverrideDetails"] = {
        "idTokenGeneration": {"claimsToAddOrOverride": {"roles": ["a", "b"], "beta": True},
                              "claimsToSuppress": ["name"]},
        "accessTokenGeneration": {
            "claimsToAddOrOverride": {"tenant": {"id": 7, "name": "acme"}},
            "claimsToSuppress": ["cognito:groups"],
            "scopesToAdd": ["orders/read", "orders/write"],
            "scopesToSuppress": ["orders/write"],
        },
    }
    return event
"""


def _pool(idp, trigger_pool, arn, version=None):
    config = {"PreTokenGenerationConfig": {"LambdaVersion": version, "LambdaArn": arn}} \
        if version else {"PreTokenGeneration": arn}
    pool = trigger_pool(config)
    idp.create_group(UserPoolId=pool["Id"], GroupName="staff", Precedence=1,
                     RoleArn="arn:aws:iam::000000000000:role/staff")
    confirmed_user(idp, pool, email="alice@example.com", name="Alice")
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="alice", GroupName="staff")
    return pool


def test_v1_changes_the_id_token_and_the_groups_of_both(idp, functions, trigger_pool):
    pool = _pool(idp, trigger_pool, functions.python(V1))
    client = app_client(idp, pool)

    result = password_sign_in(idp, client)["AuthenticationResult"]

    event = functions.event("TokenGeneration_Authentication")
    assert event["version"] == "1"
    assert event["request"]["groupConfiguration"] == {
        "groupsToOverride": ["staff"],
        "iamRolesToOverride": ["arn:aws:iam::000000000000:role/staff"],
        "preferredRole": "arn:aws:iam::000000000000:role/staff"}
    assert "scopes" not in event["request"]
    assert event["response"] == {"claimsOverrideDetails": None}
    id_token, access = claims(result["IdToken"]), claims(result["AccessToken"])
    assert (id_token["tenant"], id_token["name"], id_token["level"]) == ("acme", "Alice A.", "3")
    assert "email" not in id_token
    assert id_token["sub"] != "x"  # sub is not the trigger's to change
    assert id_token["cognito:groups"] == access["cognito:groups"] == ["readers", "writers"]
    assert id_token["cognito:roles"] == ["arn:aws:iam::000000000000:role/readers"]
    assert id_token["cognito:preferred_role"] == "arn:aws:iam::000000000000:role/readers"
    assert "tenant" not in access  # V1 leaves the access token's own claims alone


def test_v1_runs_on_refresh_with_its_own_source(idp, functions, trigger_pool):
    pool = _pool(idp, trigger_pool, functions.python(V1))
    client = app_client(idp, pool)
    refresh = password_sign_in(idp, client)["AuthenticationResult"]["RefreshToken"]

    result = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                               AuthParameters={"REFRESH_TOKEN": refresh})["AuthenticationResult"]

    assert [e["triggerSource"] for e in functions.events()] == [
        "TokenGeneration_Authentication", "TokenGeneration_RefreshTokens"]
    assert claims(result["IdToken"])["tenant"] == "acme"


def test_v2_changes_both_tokens_and_the_access_tokens_scopes(idp, functions, trigger_pool):
    pool = _pool(idp, trigger_pool, functions.python(V2), "V2_0")
    client = app_client(idp, pool)

    result = password_sign_in(idp, client)["AuthenticationResult"]

    event = functions.event("TokenGeneration_Authentication")
    assert event["version"] == "2"
    assert event["request"]["scopes"] == ["aws.cognito.signin.user.admin"]
    assert event["response"] == {"claimsAndScopeOverrideDetails": None}
    id_token, access = claims(result["IdToken"]), claims(result["AccessToken"])
    assert (id_token["roles"], id_token["beta"]) == (["a", "b"], True)
    assert "name" not in id_token
    assert id_token["cognito:groups"] == ["staff"]
    assert access["tenant"] == {"id": 7, "name": "acme"}
    assert "cognito:groups" not in access
    assert access["scope"] == "aws.cognito.signin.user.admin orders/read"
    # The access token still works against the user-pool API.
    assert idp.get_user(AccessToken=result["AccessToken"])["Username"] == "alice"


def test_the_new_password_challenge_has_its_own_source(idp, functions, trigger_pool):
    pool = trigger_pool({"PreTokenGeneration": functions.python(V1)})
    client = app_client(idp, pool)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="bob", TemporaryPassword="Temp-0rary!",
                          MessageAction="SUPPRESS")
    challenge = password_sign_in(idp, client, "bob", "Temp-0rary!")
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert functions.events() == []

    result = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=challenge["Session"], ClientMetadata={"via": "answer"},
        ChallengeResponses={"USERNAME": "bob", "NEW_PASSWORD": PASSWORD})["AuthenticationResult"]

    event = functions.event("TokenGeneration_NewPasswordChallenge")
    assert event["request"]["clientMetadata"] == {"via": "answer"}
    assert claims(result["IdToken"])["tenant"] == "acme"


def test_a_node_handler_adds_claims(idp, functions, trigger_pool):
    arn = functions.node("""
        exports.handler = (event, context, callback) => {
          event.response = {claimsOverrideDetails: {
            claimsToAddOrOverride: {"custom:from": "node", "function": context.functionName}}};
          callback(null, event);
        };
    """)
    pool = trigger_pool({"PreTokenGeneration": arn})
    client = app_client(idp, pool)
    confirmed_user(idp, pool)

    id_token = claims(password_sign_in(idp, client)["AuthenticationResult"]["IdToken"])

    assert id_token["custom:from"] == "node"
    assert id_token["function"] == arn.rsplit(":", 1)[1]


def test_its_failure_means_no_tokens(idp, functions, trigger_pool):
    pool = trigger_pool({"PreTokenGeneration": functions.python(
        "def handler(event, context):\n    raise ValueError('no tenant for this user')\n")})
    client = app_client(idp, pool)
    confirmed_user(idp, pool)

    assert error_of(password_sign_in, idp, client) == (
        "UserLambdaValidationException",
        "PreTokenGeneration failed with error no tenant for this user.")
