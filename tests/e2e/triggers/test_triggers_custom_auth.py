"""CUSTOM_AUTH with DefineAuthChallenge, CreateAuthChallenge and VerifyAuthChallengeResponse:
the challenge loop through boto3, SRP inside custom auth (pycognito's maths, and
amazon-cognito-identity-js as Amplify drives it), failures."""

from pycognito.aws_srp import AWSSRP

from signin_helpers import node_clients, run_node  # noqa: F401
from trigger_helpers import (  # noqa: F401
    PASSWORD,
    app_client,
    claims,
    confirmed_user,
    error_of,
    functions,
    trigger_pool,
)

# One module, three handlers: a number puzzle; three wrong answers end the sign-in.
CHALLENGE = """
from record import record

def define(event, context):
    record(event)
    session = event["request"]["session"]
    response = event["response"]
    if session and session[0]["challengeName"] == "SRP_A" and len(session) == 1:
        response.update(challengeName="PASSWORD_VERIFIER", issueTokens=False,
                        failAuthentication=False)
    elif session and session[-1]["challengeName"] == "CUSTOM_CHALLENGE" \\
            and session[-1]["challengeResult"]:
        response.update(issueTokens=True, failAuthentication=False)
    elif sum(1 for s in session if s["challengeName"] == "CUSTOM_CHALLENGE") >= 3:
        response.update(issueTokens=False, failAuthentication=True)
    else:
        response.update(challengeName="CUSTOM_CHALLENGE", issueTokens=False,
                        failAuthentication=False)
    return event

def create(event, context):
    record(event)
    round_ = len(event["request"]["session"]) + 1
    event["response"]["publicChallengeParameters"] = {"question": f"{round_} + 40 = ?"}
    event["response"]["privateChallengeParameters"] = {"answer": str(round_ + 40)}
    event["response"]["challengeMetadata"] = f"PUZZLE-{round_}"
    return event

def verify(event, context):
    record(event)
    expected = event["request"]["privateChallengeParameters"]["answer"]
    event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == expected
    return event
"""


def _pool(idp, functions, trigger_pool, **settings):
    config = {name: functions.python(CHALLENGE, handler=f"index.{handler}")
              for name, handler in (("DefineAuthChallenge", "define"),
                                    ("CreateAuthChallenge", "create"),
                                    ("VerifyAuthChallengeResponse", "verify"))}
    pool = trigger_pool(config, **settings)
    confirmed_user(idp, pool, email="alice@example.com")
    return pool


def _answer(idp, client, challenge, answer, **kwargs):
    return idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="CUSTOM_CHALLENGE",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": challenge["ChallengeParameters"]["USERNAME"],
                            "ANSWER": answer}, **kwargs)


def test_the_challenge_loop_until_the_right_answer(idp, functions, trigger_pool):
    pool = _pool(idp, functions, trigger_pool)
    client = app_client(idp, pool)

    first = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="CUSTOM_AUTH",
                              AuthParameters={"USERNAME": "alice"},
                              ClientMetadata={"not": "passed on"})
    assert first["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert first["ChallengeParameters"] == {"question": "1 + 40 = ?", "USERNAME": "alice"}
    second = _answer(idp, client, first, "40", ClientMetadata={"try": "1"})
    assert second["ChallengeParameters"]["question"] == "2 + 40 = ?"
    result = _answer(idp, client, second, "42")["AuthenticationResult"]

    assert claims(result["IdToken"])["email"] == "alice@example.com"
    defines = functions.events("DefineAuthChallenge_Authentication")
    assert [d["request"]["session"] for d in defines] == [
        [],
        [{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": False,
          "challengeMetadata": "PUZZLE-1"}],
        [{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": False,
          "challengeMetadata": "PUZZLE-1"},
         {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": True,
          "challengeMetadata": "PUZZLE-2"}]]
    # InitiateAuth's ClientMetadata reaches none of them; RespondToAuthChallenge's does.
    assert "clientMetadata" not in defines[0]["request"]
    assert defines[1]["request"]["clientMetadata"] == {"try": "1"}
    create = functions.events("CreateAuthChallenge_Authentication")[0]
    assert create["request"]["challengeName"] == "CUSTOM_CHALLENGE"
    assert create["response"] == {"publicChallengeParameters": None,
                                  "privateChallengeParameters": None, "challengeMetadata": None}
    verify = functions.events("VerifyAuthChallengeResponse_Authentication")[0]
    assert verify["request"]["privateChallengeParameters"] == {"answer": "41"}
    assert verify["request"]["challengeAnswer"] == "40"
    assert verify["response"] == {"answerCorrect": None}


def test_fail_authentication_and_single_use_sessions(idp, functions, trigger_pool):
    pool = _pool(idp, functions, trigger_pool)
    client = app_client(idp, pool)
    challenge = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="CUSTOM_AUTH",
                                  AuthParameters={"USERNAME": "alice"})
    used = challenge
    challenge = _answer(idp, client, challenge, "0")

    assert error_of(_answer, idp, client, used, "41") == (
        "NotAuthorizedException", "Invalid session for the user, session can only be used once.")
    challenge = _answer(idp, client, challenge, "0")
    assert error_of(_answer, idp, client, challenge, "0") == (
        "NotAuthorizedException", "Incorrect username or password.")


def test_srp_first_then_the_custom_challenge(idp, functions, trigger_pool):
    pool = _pool(idp, functions, trigger_pool)
    client = app_client(idp, pool)
    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool["Id"],
                 client_id=client["ClientId"], client=idp)
    params = {**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"}

    verifier = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="CUSTOM_AUTH",
                                 AuthParameters=params)
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    responses = srp.process_challenge(verifier["ChallengeParameters"], params)
    custom = idp.respond_to_auth_challenge(ClientId=client["ClientId"],
                                           ChallengeName="PASSWORD_VERIFIER",
                                           Session=verifier["Session"],
                                           ChallengeResponses=responses)
    assert custom["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert "AuthenticationResult" in _answer(idp, client, custom, "43")

    sessions = [d["request"]["session"]
                for d in functions.events("DefineAuthChallenge_Authentication")]
    assert sessions[:2] == [
        [{"challengeName": "SRP_A", "challengeResult": True}],
        [{"challengeName": "SRP_A", "challengeResult": True},
         {"challengeName": "PASSWORD_VERIFIER", "challengeResult": True}]]


def test_a_wrong_password_in_the_srp_step_fails(idp, functions, trigger_pool):
    pool = _pool(idp, functions, trigger_pool)
    client = app_client(idp, pool)
    srp = AWSSRP(username="alice", password="not-the-password", pool_id=pool["Id"],
                 client_id=client["ClientId"], client=idp)
    params = {**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"}
    verifier = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="CUSTOM_AUTH",
                                 AuthParameters=params)
    responses = srp.process_challenge(verifier["ChallengeParameters"], params)

    assert error_of(idp.respond_to_auth_challenge, ClientId=client["ClientId"],
                    ChallengeName="PASSWORD_VERIFIER", Session=verifier["Session"],
                    ChallengeResponses=responses) == (
        "NotAuthorizedException", "Incorrect username or password.")


def test_amplifys_client_signs_in_with_srp_and_a_custom_challenge(
        idp, cognito_url, functions, trigger_pool, node_clients):
    pool = _pool(idp, functions, trigger_pool)
    client = app_client(idp, pool)

    out = run_node("custom_auth_sign_in.js", cognito_url, pool["Id"], client["ClientId"],
                   "alice", PASSWORD, "43")

    assert out["ok"], out
    assert out["challenges"] == [{"question": "3 + 40 = ?", "USERNAME": "alice"}]
    assert claims(out["idToken"])["cognito:username"] == "alice"


def test_unknown_users_get_challenges_but_never_tokens(idp, functions, trigger_pool):
    pool = _pool(idp, functions, trigger_pool)
    legacy = app_client(idp, pool)
    hiding = app_client(idp, pool, PreventUserExistenceErrors="ENABLED")

    assert error_of(idp.initiate_auth, ClientId=legacy["ClientId"], AuthFlow="CUSTOM_AUTH",
                    AuthParameters={"USERNAME": "ghost"}) == (
        "UserNotFoundException", "User does not exist.")
    challenge = idp.initiate_auth(ClientId=hiding["ClientId"], AuthFlow="CUSTOM_AUTH",
                                  AuthParameters={"USERNAME": "ghost"})
    assert functions.events("DefineAuthChallenge_Authentication")[-1]["request"][
        "userNotFound"] is True
    assert error_of(_answer, idp, hiding, challenge, "41") == (
        "NotAuthorizedException", "Incorrect username or password.")


def test_without_define_auth_challenge_custom_auth_is_refused(idp, trigger_pool):
    pool = trigger_pool({})
    confirmed_user(idp, pool)
    client = app_client(idp, pool)

    assert error_of(idp.initiate_auth, ClientId=client["ClientId"], AuthFlow="CUSTOM_AUTH",
                    AuthParameters={"USERNAME": "alice"}) == (
        "InvalidParameterException",
        "Custom auth lambda trigger is not configured for the user pool.")
