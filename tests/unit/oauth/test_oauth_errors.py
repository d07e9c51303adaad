"""OAuth errors become Cognito's JSON bodies or redirects carrying error and state."""

from urllib.parse import parse_qs, urlsplit

from cfn_cognito.oauth.errors import InvalidGrantError, InvalidRequestError
from cfn_cognito.oauth.reply import with_params


def test_json_body_has_the_code_and_keeps_the_reason_private():
    reply = InvalidGrantError("code already used").json_reply()
    assert (reply.status, reply.body) == (400, '{"error":"invalid_grant"}')
    assert reply.headers["Cache-Control"] == "no-store"


def test_a_public_description_is_sent():
    reply = InvalidRequestError("Bad OAuth2 request", public=True).json_reply()
    assert reply.body == '{"error":"invalid_request","error_description":"Bad OAuth2 request"}'


def test_redirect_keeps_the_uris_query_and_adds_error_and_state():
    reply = InvalidRequestError("x").redirect_reply("https://app.example/cb?x=1", "s t")
    location = urlsplit(reply.headers["Location"])
    assert reply.status == 302
    assert parse_qs(location.query) == {"x": ["1"], "error": ["invalid_request"], "state": ["s t"]}


def test_implicit_errors_go_in_the_fragment_without_a_missing_state():
    reply = InvalidRequestError().redirect_reply("https://app.example/cb", None, fragment=True)
    assert reply.headers["Location"] == "https://app.example/cb#error=invalid_request"


def test_with_params_leaves_out_none():
    assert with_params("https://a/b", {"code": "c", "state": None}) == "https://a/b?code=c"
