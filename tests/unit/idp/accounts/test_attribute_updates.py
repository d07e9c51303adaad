"""Attribute changes that need re-verification, and verifying them with a code (the service
side of UpdateUserAttributes / GetUserAttributeVerificationCode / VerifyUserAttribute)."""

import pytest

from cfn_cognito.idp.accounts import attribute_updates
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.accounts import own_account
from cfn_cognito.idp.accounts import passwords
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import AliasExistsException, CodeMismatchException, NotAuthorizedException
from users_fixtures import clock, ctx, last_code, make_pool  # noqa: F401


def _user(ctx, pool, name, **values):
    user = users.new_user(ctx, pool, name, users.CONFIRMED, values)
    users.insert(ctx, pool, user, exists_message="x")
    return user


def _attrs(**values):
    return [{"Name": k, "Value": v} for k, v in values.items()]


def test_a_changed_email_is_unverified_until_its_code_comes_back(ctx):
    pool = make_pool(ctx, AutoVerifiedAttributes=["email"])
    user = _user(ctx, pool, "ana", email="ana@old.example", email_verified="true")
    [details] = attribute_updates.update_attributes(ctx, pool, user, _attrs(email="ana@new.example"),
                                                    client={})
    assert details == {"Destination": "a***@n***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    user = users.get_user(ctx, pool, "ana")
    assert attributes.values(user)["email_verified"] == "false"
    code = last_code(ctx, pool)
    with pytest.raises(CodeMismatchException):
        attribute_updates.verify_attribute(ctx, pool, user, "email", f"{(int(code) + 1) % 10**6:06d}")
    attribute_updates.verify_attribute(ctx, pool, user, "email", code)
    assert attributes.values(users.get_user(ctx, pool, "ana"))["email_verified"] == "true"


def test_verification_before_update_keeps_the_old_address_until_verified(ctx):
    pool = make_pool(ctx, AutoVerifiedAttributes=["email"], AliasAttributes=["email"],
                     UserAttributeUpdateSettings={
                         "AttributesRequireVerificationBeforeUpdate": ["email"]})
    user = _user(ctx, pool, "ben", email="ben@old.example", email_verified="true")
    attribute_updates.update_attributes(ctx, pool, user, _attrs(email="ben@new.example"))
    user = users.get_user(ctx, pool, "ben")
    assert attributes.values(user)["email"] == "ben@old.example"
    assert attributes.values(user)["email_verified"] == "true"
    assert users.find_user(ctx, pool, "ben@old.example").sub == user.sub
    message = ctx.store.messages.list(pool["Id"])[-1]
    assert message["destination"] == "ben@new.example"
    attribute_updates.verify_attribute(ctx, pool, user, "email", message["code"])
    user = users.get_user(ctx, pool, "ben")
    assert attributes.values(user)["email"] == "ben@new.example"
    assert users.find_user(ctx, pool, "ben@new.example").sub == user.sub
    assert users.find_user(ctx, pool, "ben@old.example") is None


def test_verifying_an_address_another_user_holds_is_an_alias_clash(ctx):
    pool = make_pool(ctx, AutoVerifiedAttributes=["email"], AliasAttributes=["email"])
    _user(ctx, pool, "cal", email="shared@example.com", email_verified="true")
    dee = _user(ctx, pool, "dee", email="shared@example.com")
    attribute_updates.start_attribute_verification(ctx, pool, dee, "email")
    with pytest.raises(AliasExistsException):
        attribute_updates.verify_attribute(ctx, pool, dee, "email", last_code(ctx, pool))


def test_clients_write_only_what_they_may(ctx):
    pool = make_pool(ctx)
    user = _user(ctx, pool, "eli", email="eli@example.com")
    with pytest.raises(NotAuthorizedException):
        attribute_updates.update_attributes(ctx, pool, user, _attrs(email_verified="true"),
                                            client={})
    with pytest.raises(NotAuthorizedException):
        attribute_updates.update_attributes(ctx, pool, user, _attrs(name="x"),
                                            client={"WriteAttributes": ["email"]})
    attribute_updates.delete_attributes(ctx, pool, user, ["email"], client={})
    assert set(attributes.values(users.get_user(ctx, pool, "eli"))) == {"sub"}


def test_change_password_needs_the_current_one(ctx):
    pool = make_pool(ctx)
    user = _user(ctx, pool, "fay")
    users.set_password(ctx, pool, user, "Passw0rd!", permanent=True)
    users.save(ctx, pool, user)
    with pytest.raises(NotAuthorizedException):
        own_account.change_password(ctx, pool, user, "wrong", "N3w-Passw0rd")
    own_account.change_password(ctx, pool, user, "Passw0rd!", "N3w-Passw0rd")
    assert passwords.verify(users.get_user(ctx, pool, "fay"), "N3w-Passw0rd")
