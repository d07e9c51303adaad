"""Sign-in events recorded from real sign-ins (password and SRP) in pools with threat
protection on, listed newest first, and feedback on them."""

import re

import jwt
import pytest
from pycognito.aws_srp import AWSSRP

from user_helpers import PASSWORD, error_of, make_client, make_pool  # noqa: F401


@pytest.fixture
def protected(make_pool):
    return make_pool(UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"}, UserPoolTier="PLUS")


def _user_and_client(idp, pool, username="ana") -> dict:
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=PASSWORD,
                                Permanent=True)
    return make_client(idp, pool, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                     "ALLOW_USER_SRP_AUTH",
                                                     "ALLOW_REFRESH_TOKEN_AUTH"])


def _sign_in(idp, client, username, password):
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": password})


def _events(idp, pool, username, **kwargs) -> list[dict]:
    return idp.admin_list_user_auth_events(UserPoolId=pool["Id"], Username=username,
                                           **kwargs)["AuthEvents"]


def test_sign_ins_are_recorded_newest_first_with_the_token_event_id(idp, protected):
    client = _user_and_client(idp, protected)
    tokens = _sign_in(idp, client, "ana", PASSWORD)["AuthenticationResult"]
    assert error_of(idp.initiate_auth, ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                    AuthParameters={"USERNAME": "ana", "PASSWORD": "Wrong-1x"})[0] == \
        "NotAuthorizedException"
    srp = AWSSRP(username="ana", password="Wrong-pass1", pool_id=protected["Id"],
                 client_id=client["ClientId"], client=idp)
    with pytest.raises(Exception):
        srp.authenticate_user()

    srp_fail, password_fail, success = _events(idp, protected, "ana")
    claims = jwt.decode(tokens["AccessToken"], options={"verify_signature": False})
    assert success["EventId"] == claims["event_id"]
    assert success["EventType"] == "SignIn" and success["EventResponse"] == "Pass"
    assert success["ChallengeResponses"] == [{"ChallengeName": "Password",
                                              "ChallengeResponse": "Success"}]
    assert success["EventRisk"] == {"RiskDecision": "NoRisk", "CompromisedCredentialsDetected": False}
    for failed in (password_fail, srp_fail):
        assert failed["EventResponse"] == "Fail"
        assert failed["ChallengeResponses"] == [{"ChallengeName": "Password",
                                                 "ChallengeResponse": "Failure"}]
    assert srp_fail["CreationDate"] >= password_fail["CreationDate"] >= success["CreationDate"]


def test_events_are_listed_page_by_page(idp, protected):
    client = _user_and_client(idp, protected)
    for _ in range(3):
        _sign_in(idp, client, "ana", PASSWORD)
    first = idp.admin_list_user_auth_events(UserPoolId=protected["Id"], Username="ana",
                                            MaxResults=2)
    rest = idp.admin_list_user_auth_events(UserPoolId=protected["Id"], Username="ana",
                                           MaxResults=2, NextToken=first["NextToken"])
    ids = [e["EventId"] for e in first["AuthEvents"] + rest["AuthEvents"]]
    assert len(ids) == len(set(ids)) == 3 and "NextToken" not in rest


def test_without_threat_protection_nothing_is_kept(idp, make_pool):
    pool = make_pool()
    client = _user_and_client(idp, pool)
    _sign_in(idp, client, "ana", PASSWORD)
    assert error_of(idp.admin_list_user_auth_events, UserPoolId=pool["Id"],
                    Username="ana")[0] == "UserPoolAddOnNotEnabledException"
    idp.update_user_pool(UserPoolId=pool["Id"], UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})
    assert _events(idp, pool, "ana") == []


def test_an_admin_marks_an_event_valid_or_invalid(idp, protected):
    client = _user_and_client(idp, protected)
    _sign_in(idp, client, "ana", PASSWORD)
    [event] = _events(idp, protected, "ana")
    idp.admin_update_auth_event_feedback(UserPoolId=protected["Id"], Username="ana",
                                         EventId=event["EventId"], FeedbackValue="Invalid")
    [marked] = _events(idp, protected, "ana")
    assert marked["EventFeedback"]["FeedbackValue"] == "Invalid"
    assert marked["EventFeedback"]["Provider"] == "Admin"
    assert marked["EventFeedback"]["FeedbackDate"] >= event["CreationDate"]
    assert error_of(idp.admin_update_auth_event_feedback, UserPoolId=protected["Id"],
                    Username="ana", EventId="no-such-event",
                    FeedbackValue="Valid")[0] == "ResourceNotFoundException"


def test_a_user_gives_feedback_with_the_token_of_the_event(idp, protected, cognito_server):
    client = _user_and_client(idp, protected, "bea")
    _sign_in(idp, client, "bea", PASSWORD)
    [event] = _events(idp, protected, "bea")
    token = re.search(rf"Auth event {event['EventId']} .*feedback token (\S+)",
                      cognito_server.log()).group(1)
    assert error_of(idp.update_auth_event_feedback, UserPoolId=protected["Id"], Username="bea",
                    EventId=event["EventId"], FeedbackToken=token + "x",
                    FeedbackValue="Valid")[0] == "NotAuthorizedException"
    idp.update_auth_event_feedback(UserPoolId=protected["Id"], Username="bea",
                                   EventId=event["EventId"], FeedbackToken=token,
                                   FeedbackValue="Valid")
    [marked] = _events(idp, protected, "bea")
    assert marked["EventFeedback"]["FeedbackValue"] == "Valid"
    assert marked["EventFeedback"]["Provider"] == "User"
