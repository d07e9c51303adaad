"""What every trigger event shares (idp/triggers/event.py), against a captured AWS event."""

from users_fixtures import make_client, make_pool

from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.triggers import event


def _stored_user(ctx, pool, **values):
    user = users.new_user(ctx, pool, "pat", users.CONFIRMED, values)
    users.insert(ctx, pool, user, exists_message="exists")
    return user


def test_user_attributes_are_strings_with_pseudo_attributes_in_aws_order(ctx):
    pool = make_pool(ctx, AliasAttributes=["phone_number"])
    user = _stored_user(ctx, pool, phone_number="+12223334455", phone_number_verified="true")

    got = event.user_attributes(ctx, pool, user)

    # aws-lambda-go's captured DefineAuthChallenge event lists exactly these, in this order.
    assert list(got) == ["sub", "cognito:user_status", "phone_number_verified",
                         "cognito:phone_number_alias", "phone_number"]
    assert got["cognito:phone_number_alias"] == "+12223334455"
    assert got["cognito:user_status"] == "CONFIRMED"


def test_an_unverified_alias_is_no_alias(ctx):
    pool = make_pool(ctx, AliasAttributes=["email"])
    user = _stored_user(ctx, pool, email="pat@example.com", email_verified="false")
    assert "cognito:email_alias" not in event.user_attributes(ctx, pool, user)


def test_the_envelope(ctx):
    pool = make_pool(ctx)
    assert event.envelope(ctx, pool, "PostConfirmation_ConfirmSignUp", "pat", None, {"r": 1},
                          {}) == {
        "version": "1", "region": "us-east-1", "userPoolId": pool["Id"], "userName": "pat",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown",
                          "clientId": "CLIENT_ID_NOT_APPLICABLE"},
        "triggerSource": "PostConfirmation_ConfirmSignUp", "request": {"r": 1}, "response": {}}


def test_which_calls_metadata_reaches_which_triggers(ctx):
    pool = make_pool(ctx)
    client = make_client(ctx, pool)
    initiate = AuthRequest(ctx, pool, client, {}, False, {"a": "1"}, initiating=True)
    answer = AuthRequest(ctx, pool, client, {}, False, {"b": "2"})
    assert (event.initiate_metadata(initiate), event.answer_metadata(initiate)) == \
        ({"a": "1"}, None)
    assert (event.initiate_metadata(answer), event.answer_metadata(answer)) == (None, {"b": "2"})
