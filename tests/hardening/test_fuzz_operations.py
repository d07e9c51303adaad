"""Model-driven fuzzing: every operation of cognito-idp and cognito-identity gets requests drawn
from its botocore input shape (see fuzz_strategies). Whatever is sent, the answer is a success
or a 4xx with an AWS error body, never a 5xx; a refused request leaves the store as it was;
the server keeps serving."""

from __future__ import annotations

import collections

import fuzz_strategies
import hardening_wire as wire
import pytest
import store_snapshot
from botocore import xform_name
from fuzz_world import World
from hardening_settings import CASES_PER_OPERATION, CASES_PER_REFUSED_OPERATION, fuzz
from hypothesis import given
from hypothesis import strategies as st

from cfn_cognito.spec import model, services
from cfn_cognito.testing import wants_postgres

SERVICES = ("cognito-idp", "cognito-identity")
OPERATIONS = [(service, op) for service in SERVICES
              for op in sorted(model.operation_names(service))]


@pytest.fixture(scope="module")
def world(hard_url):
    return World(hard_url)


@pytest.fixture(scope="module")
def db(hard_server):
    if wants_postgres():
        pytest.skip("the store snapshots read SQLite's file in the data directory")
    conn = store_snapshot.connect(hard_server.data_dir)
    yield store_snapshot.Watcher(conn)
    conn.close()


@pytest.mark.parametrize("service,operation", OPERATIONS,
                         ids=[f"{s}.{o}" for s, o in OPERATIONS])
def test_fuzzed_requests_never_break_the_service(service, operation, world, db, http, hard_url,
                                                  tally):
    world.ensure()
    shape = model.botocore_service_model(service).operation_model(operation).input_shape
    seen = collections.Counter()
    implemented = _implemented(service, operation)

    @fuzz(CASES_PER_OPERATION if implemented else CASES_PER_REFUSED_OPERATION)
    @given(body=fuzz_strategies.request(shape, world.refs))
    def one_request(body):
        before = db.current()
        answer = wire.call(http, hard_url, service, operation, body)
        context = f"{operation} {str(body)[:200]}"
        wire.assert_not_5xx(answer, context)
        if answer.status == 200:
            seen["ok"] += 1
            return
        seen["refused"] += 1
        if not _refused_by_validation(answer):
            seen["reached the operation"] += 1
        after = db.current()
        changed = store_snapshot.changed(before, after)
        assert not changed, f"refused ({answer.error_type}) yet changed {changed}: {context}"

    one_request()
    # Still serving, and still whole where it matters: the health check answers.
    assert http.get(hard_url + "/_cfn_cognito/health", timeout=10).status_code == 200
    tally["fuzzing"]["operations" if implemented else "operations refused whole"] += 1
    tally["fuzzing"]["requests"] += seen["ok"] + seen["refused"]
    tally["fuzzing"]["answered 200"] += seen["ok"]
    tally["fuzzing"]["refused by the operation"] += seen["reached the operation"]


def _implemented(service: str, operation: str) -> bool:
    found = next(s for s in services.SERVICES.values() if s.model_name == service)
    return hasattr(found.operations(), xform_name(operation))


def _refused_by_validation(answer) -> bool:
    kind = (answer.error_type or "").rsplit("#", 1)[-1]
    return kind in ("SerializationException", "UnknownOperationException") or (
        kind in ("InvalidParameterException", "ValidationException")
        and "validation error" in answer.message)


WIRE_JUNK = st.one_of(fuzz_strategies.not_an_object, fuzz_strategies.json_junk)


@fuzz(CASES_PER_OPERATION * 4)
@given(target=st.one_of(st.sampled_from(
           ["", ".", "AWSCognitoIdentityProviderService", "AWSCognitoIdentityProviderService.",
            "AWSCognitoIdentityProviderService.signUp", "AWSCognitoIdentityService.GetId.x",
            "com.amazonaws.cognito.identity.model.AWSCognitoIdentityService.GetId",
            "AWSCognitoIdentityProviderService.__class__",
            "AWSCognitoIdentityProviderService.SignUp"]),
           st.text(max_size=60).map(lambda t: " ".join(t.split()))),
       content_type=st.sampled_from(
           ["application/x-amz-json-1.1", "application/x-amz-json-1.0", "application/json",
            "text/plain", "application/x-www-form-urlencoded", "",
            "application/x-amz-json-1.1; charset=utf-16",
            "multipart/form-data; boundary=x", "APPLICATION/X-AMZ-JSON-1.1"]),
       body=WIRE_JUNK)
def test_junk_on_the_wire_is_refused_as_aws_refuses_it(target, content_type, body, http, hard_url):
    try:
        target.encode("latin-1")
    except UnicodeEncodeError:
        target = target.encode("utf-8").decode("latin-1")
    answer = wire.post(http, hard_url, target, body, content_type=content_type)
    if answer.status == 200:     # a real operation that took the junk as an empty request
        assert isinstance(answer.json(), dict)
        return
    assert answer.status < 500, (answer.status, answer.body[:300])
    if "x-amz-json" in content_type.lower() and target.startswith("AWSCognito"):
        wire.assert_aws_error(answer, f"{target} {content_type}")


def test_a_body_over_the_limit_is_refused_and_the_server_goes_on(http, hard_url):
    huge = b'{"UserPoolId":"' + b"a" * (5 * 1024 * 1024) + b'"}'
    answer = wire.post(http, hard_url, "AWSCognitoIdentityProviderService.DescribeUserPool", huge)
    assert answer.status == 413 and answer.error_type == "RequestEntityTooLargeException"
    ok = wire.call(http, hard_url, "cognito-idp", "ListUserPools", {"MaxResults": 1})
    assert ok.status == 200


def test_strings_that_are_not_unicode_are_refused_and_pairs_are_kept(world, http, hard_url):
    pool_id, username = world.pool["Id"], world.username
    lone = {"UserPoolId": pool_id, "Username": username,
            "UserAttributes": [{"Name": "name", "Value": "a\ud800b"}]}
    answer = wire.call(http, hard_url, "cognito-idp", "AdminUpdateUserAttributes", lone)
    wire.assert_aws_error(answer)
    assert answer.error_type.endswith("SerializationException")
    # Raw UTF-8 bytes of a surrogate, which Python's JSON reader would otherwise let through.
    raw = ('{"UserPoolId":"%s","GroupName":"g\xed\xa0\x80"}' % pool_id).encode("latin-1")
    answer = wire.post(http, hard_url, "AWSCognitoIdentityProviderService.CreateGroup", raw)
    assert answer.error_type.endswith("SerializationException"), answer.body
    # A surrogate pair escaped as JSON allows is an emoji, kept as such.
    pair = {**lone, "UserAttributes": [{"Name": "name", "Value": "\ud83e\udd84 unicorn"}]}
    assert wire.call(http, hard_url, "cognito-idp", "AdminUpdateUserAttributes", pair).status == 200
    user = wire.call(http, hard_url, "cognito-idp", "AdminGetUser",
                     {"UserPoolId": pool_id, "Username": username}).json()
    assert {"Name": "name", "Value": "🦄 unicorn"} in user["UserAttributes"]
