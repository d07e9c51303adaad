"""Token sessions: one per tracked sign-in that issued a refresh token, marked used by
refreshes, evicted least recently used first at MaxPerUser, gone once revoked, signed out
or expired."""

import pytest

from cfn_cognito.idp.issuer import refresh_tokens, tokens, user_sessions
from cfn_cognito.idp.issuer.tokens import TokenSubject
from users_fixtures import clock, ctx, make_client, make_pool  # noqa: F401

SUBJECT = TokenSubject("alice", "sub-alice")


@pytest.fixture
def app(ctx):  # noqa: F811
    pool = make_pool(ctx)
    return pool, make_client(ctx, pool, RefreshTokenValidity=1)


def track(ctx, pool, max_per_user=20):  # noqa: F811
    ctx.store.session_configurations.insert(pool["Id"], "", {
        "UserPoolId": pool["Id"], "UserSessionTracking": "ENABLED",
        "TokenSession": {"MaxPerUser": max_per_user}})


def sign_in(ctx, pool, client):  # noqa: F811
    return tokens.sign_in(ctx, pool, client, SUBJECT, groups=[])


def test_untracked_pools_keep_no_sessions(ctx, app):  # noqa: F811
    pool, client = app
    sign_in(ctx, pool, client)
    assert user_sessions.active(ctx, pool["Id"], SUBJECT.sub) == []
    assert not user_sessions.tracking(ctx, pool["Id"])


def test_a_sign_in_is_a_session_and_a_refresh_marks_it_used(ctx, clock, app):  # noqa: F811
    pool, client = app
    track(ctx, pool)
    result = sign_in(ctx, pool, client)
    (session,) = user_sessions.active(ctx, pool["Id"], SUBJECT.sub)
    assert session.session_id.startswith("tkn") and len(session.session_id) == 28
    assert session.client_id == client["ClientId"]
    clock.advance(60)
    record = refresh_tokens.lookup(ctx, result["RefreshToken"], client["ClientId"])
    tokens.refreshed(ctx, pool, client, SUBJECT, record, groups=[])
    (again,) = user_sessions.active(ctx, pool["Id"], SUBJECT.sub)
    assert again.last_active == session.last_active + 60
    # Expired with its refresh token (one day here).
    clock.advance(86400)
    assert user_sessions.active(ctx, pool["Id"], SUBJECT.sub) == []


def test_max_per_user_evicts_the_least_recently_used(ctx, clock, app):  # noqa: F811
    pool, client = app
    track(ctx, pool, max_per_user=2)
    first = sign_in(ctx, pool, client)
    clock.advance(1)
    second = sign_in(ctx, pool, client)
    clock.advance(1)
    # The first is used again: the second is now the least recently used.
    tokens.refreshed(ctx, pool, client, SUBJECT,
                     refresh_tokens.lookup(ctx, first["RefreshToken"], client["ClientId"]),
                     groups=[])
    clock.advance(1)
    sign_in(ctx, pool, client)
    kept = {s.origin_jti for s in user_sessions.active(ctx, pool["Id"], SUBJECT.sub)}
    first_origin = tokens.decode_verified(ctx, first["AccessToken"], "access")["origin_jti"]
    assert first_origin in kept and len(kept) == 2
    with pytest.raises(tokens.RevokedToken):
        tokens.decode_verified(ctx, second["AccessToken"], "access")


def test_revoked_and_signed_out_sessions_are_not_active(ctx, clock, app):  # noqa: F811
    pool, client = app
    track(ctx, pool)
    sign_in(ctx, pool, client)
    sign_in(ctx, pool, client)
    one, _ = user_sessions.active(ctx, pool["Id"], SUBJECT.sub)
    user_sessions.revoke(ctx, one)
    assert len(user_sessions.active(ctx, pool["Id"], SUBJECT.sub)) == 1
    clock.advance(1)
    refresh_tokens.revoke_all_for_user(ctx, pool["Id"], SUBJECT.sub)
    assert user_sessions.active(ctx, pool["Id"], SUBJECT.sub) == []
