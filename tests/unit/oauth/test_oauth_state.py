"""Authorization codes, hosted UI sessions and CSRF tokens over a real store, with a clock."""

import pytest

from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.idp.issuer import authorization_codes as codes
from cfn_cognito.idp.issuer import hosted_sessions as sessions
from cfn_cognito.oauth import csrf
from cfn_cognito.store import open_store


class Clock:
    def __init__(self):
        self.now = 1_700_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def ctx(tmp_path, clock):
    store = open_store(tmp_path)
    yield Context(settings=Settings(), store=store, clock=clock)
    store.close()


def issue(ctx) -> str:
    return codes.issue(ctx, pool_id="us-east-1_P", client_id="c1", redirect_uri="https://a/cb",
                       sub="s1", scopes=["openid"], nonce="n", code_challenge=None,
                       code_challenge_method=None, auth_time=ctx.now())


def test_a_code_works_once_and_is_stored_only_hashed(ctx):
    code = issue(ctx)
    stored = ctx.store.db.query("SELECT * FROM oauth_codes")
    assert len(stored) == 1 and code not in repr(stored)
    record = codes.redeem(ctx, code)
    assert (record.client_id, record.redirect_uri, record.scopes) == ("c1", "https://a/cb",
                                                                      ["openid"])
    assert codes.redeem(ctx, code) is None


def test_a_code_lives_five_minutes(ctx, clock):
    early, late = issue(ctx), issue(ctx)
    clock.now += 299
    assert codes.redeem(ctx, early) is not None
    clock.now += 2
    assert codes.redeem(ctx, late) is None


def test_a_session_lasts_an_hour_in_its_own_pool(ctx, clock):
    cookie = sessions.start(ctx, "us-east-1_P", "s1")
    assert cookie not in repr(ctx.store.db.query("SELECT * FROM hosted_sessions"))
    assert sessions.current(ctx, cookie, "us-east-1_P").sub == "s1"
    assert sessions.current(ctx, cookie, "us-east-1_Other") is None
    assert sessions.current(ctx, "forged", "us-east-1_P") is None
    clock.now += 3600
    assert sessions.current(ctx, cookie, "us-east-1_P") is None


def test_sign_out_ends_the_session(ctx):
    cookie = sessions.start(ctx, "us-east-1_P", "s1")
    sessions.end(ctx, cookie)
    assert sessions.current(ctx, cookie, "us-east-1_P") is None


def test_a_csrf_token_belongs_to_its_cookie(ctx):
    cookie, other = csrf.new_cookie(ctx), csrf.new_cookie(ctx)
    token = csrf.token_for(ctx, cookie)
    assert csrf.valid(ctx, cookie, token)
    assert not csrf.valid(ctx, other, token)
    assert not csrf.valid(ctx, cookie, None) and not csrf.valid(ctx, None, token)
    # The token is keyed by a server secret, not derivable from the cookie alone.
    assert token != cookie and csrf.token_for(ctx, cookie) == token
