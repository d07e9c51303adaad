"""User pools as AWS keeps them: Create/Describe/List/Update/DeleteUserPool and
AddCustomAttributes, compared with the AWS CLI's own example output."""

import re

import pytest

from aws_wire import aws_cli, aws_example

LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:"


def _error(caught) -> dict:
    return caught.value.response["Error"]


def test_a_minimal_pool_is_shaped_like_the_aws_cli_example(cognito_url):
    expected = aws_example("create-user-pool", 0)["UserPool"]
    pool = aws_cli(cognito_url, "create-user-pool", "--pool-name", "MyUserPool")["UserPool"]
    # Every member AWS shows is there, with the same JSON type.
    for key, value in expected.items():
        assert key in pool, key
        assert type(pool[key]) is type(value), key
    assert pool["SchemaAttributes"] == expected["SchemaAttributes"]
    for key in ("MfaConfiguration", "AdminCreateUserConfig", "EstimatedNumberOfUsers", "LambdaConfig",
                "Name"):
        assert pool[key] == expected[key], key
    # Newer pools also report TemporaryPasswordValidityDays (see describe-user-pool.rst).
    assert pool["Policies"]["PasswordPolicy"] == {**expected["Policies"]["PasswordPolicy"],
                                                  "TemporaryPasswordValidityDays": 7}
    assert re.fullmatch(r"us-east-1_[0-9A-Za-z]{9}", pool["Id"])
    assert pool["Arn"] == f"arn:aws:cognito-idp:us-east-1:000000000000:userpool/{pool['Id']}"
    assert pool["CreationDate"] == pool["LastModifiedDate"]
    assert pool["DeletionProtection"] == "INACTIVE"
    assert pool["UserPoolTags"] == {}
    assert pool["EmailConfiguration"] == {"EmailSendingAccount": "COGNITO_DEFAULT"}
    assert pool["VerificationMessageTemplate"] == {"DefaultEmailOption": "CONFIRM_WITH_CODE"}
    for absent in ("UsernameAttributes", "AliasAttributes", "AutoVerifiedAttributes", "Domain"):
        assert absent not in pool


def test_the_second_cli_example_username_attributes_and_email(cognito_url):
    expected = aws_example("create-user-pool", 1)["UserPool"]
    pool = aws_cli(cognito_url, "create-user-pool", "--pool-name", "MyUserPool",
               "--username-attributes", "email", "--email-configuration=SourceArn="
               "arn:aws:ses:us-east-1:111111111111:identity/jane@example.com,"
               "ReplyToEmailAddress=jane@example.com")["UserPool"]
    assert pool["UsernameAttributes"] == expected["UsernameAttributes"] == ["email"]
    assert {k: pool["EmailConfiguration"][k] for k in expected["EmailConfiguration"]} == \
        expected["EmailConfiguration"]


def test_describe_returns_what_create_returned(idp):
    created = idp.create_user_pool(PoolName="same", AutoVerifiedAttributes=["email"])["UserPool"]
    described = idp.describe_user_pool(UserPoolId=created["Id"])["UserPool"]
    assert described == created


def test_pool_ids_are_unique_and_aws_shaped(idp):
    ids = {idp.create_user_pool(PoolName=f"p{i}")["UserPool"]["Id"] for i in range(20)}
    assert len(ids) == 20
    assert all(re.fullmatch(r"us-east-1_[0-9A-Za-z]{9}", i) for i in ids)


def test_custom_attributes_from_the_schema(idp):
    pool = idp.create_user_pool(PoolName="schema", Schema=[
        {"Name": "tier", "AttributeDataType": "String",
         "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "256"}},
        {"Name": "level", "AttributeDataType": "Number", "Mutable": False},
        {"Name": "secret", "AttributeDataType": "String", "DeveloperOnlyAttribute": True},
        {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
    ])["UserPool"]
    by_name = {a["Name"]: a for a in pool["SchemaAttributes"]}
    assert by_name["custom:tier"] == {
        "Name": "custom:tier", "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
        "Mutable": True, "Required": False,
        "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "256"}}
    assert by_name["custom:level"]["Mutable"] is False
    assert by_name["dev:custom:secret"]["DeveloperOnlyAttribute"] is True
    assert by_name["email"]["Required"] is True
    names = [a["Name"] for a in pool["SchemaAttributes"]]
    assert names[:20] == [a["Name"] for a in aws_example("create-user-pool")["UserPool"]["SchemaAttributes"]]
    assert len(names) == len(set(names)) == 23


def test_add_custom_attributes(idp, pool):
    idp.add_custom_attributes(UserPoolId=pool["Id"], CustomAttributes=[
        {"Name": "CustomAttr1", "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
         "Required": False, "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "15"}}])
    described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    added = [a for a in described["SchemaAttributes"] if a["Name"] == "custom:CustomAttr1"]
    assert added == [{"Name": "custom:CustomAttr1", "AttributeDataType": "String",
                      "DeveloperOnlyAttribute": False, "Mutable": True, "Required": False,
                      "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "15"}}]
    assert described["LastModifiedDate"] >= described["CreationDate"]


def test_a_custom_attribute_cannot_be_added_twice(idp, pool):
    spec = [{"Name": "tier", "AttributeDataType": "String"}]
    idp.add_custom_attributes(UserPoolId=pool["Id"], CustomAttributes=spec)
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.add_custom_attributes(UserPoolId=pool["Id"], CustomAttributes=spec)
    names = [a["Name"] for a in idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["SchemaAttributes"]]
    assert names.count("custom:tier") == 1


def test_duplicate_custom_attributes_in_one_schema_are_refused(idp):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.create_user_pool(PoolName="dup", Schema=[
            {"Name": "tier", "AttributeDataType": "String"},
            {"Name": "tier", "AttributeDataType": "Number"}])


def test_required_custom_attributes_are_refused(idp):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.create_user_pool(PoolName="req", Schema=[
            {"Name": "tier", "AttributeDataType": "String", "Required": True}])


def test_alias_and_username_attributes_exclude_each_other(idp):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.create_user_pool(PoolName="both", AliasAttributes=["email"], UsernameAttributes=["email"])


def test_update_resets_what_it_omits_and_keeps_schema_aliases_and_tags(idp):
    pool = idp.create_user_pool(
        PoolName="configured", AliasAttributes=["email"], UserPoolTags={"team": "blue"},
        Schema=[{"Name": "tier", "AttributeDataType": "String"}],
        Policies={"PasswordPolicy": {"MinimumLength": 12}}, AutoVerifiedAttributes=["email"],
        LambdaConfig={"PreSignUp": LAMBDA + "pre"}, DeletionProtection="ACTIVE",
        MfaConfiguration="OFF", DeviceConfiguration={"ChallengeRequiredOnNewDevice": True},
        EmailVerificationSubject="Your code", UsernameConfiguration={"CaseSensitive": False},
    )["UserPool"]
    idp.update_user_pool(UserPoolId=pool["Id"], SmsAuthenticationMessage="Code {####}")
    after = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    fresh = idp.create_user_pool(PoolName="configured")["UserPool"]
    for key in ("Policies", "LambdaConfig", "DeletionProtection", "MfaConfiguration",
                "VerificationMessageTemplate", "AdminCreateUserConfig", "EmailConfiguration"):
        assert after[key] == fresh[key], key
    for key in ("AutoVerifiedAttributes", "DeviceConfiguration", "EmailVerificationSubject"):
        assert key not in after, key
    assert after["SmsAuthenticationMessage"] == "Code {####}"
    for key in ("Id", "Name", "Arn", "CreationDate", "SchemaAttributes", "AliasAttributes",
                "UserPoolTags", "UsernameConfiguration"):
        assert after[key] == pool[key], key
    assert after["LastModifiedDate"] >= pool["LastModifiedDate"]


def test_update_can_rename_and_replace_tags(idp, pool):
    idp.update_user_pool(UserPoolId=pool["Id"], PoolName="renamed", UserPoolTags={"a": "1"})
    after = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert (after["Name"], after["UserPoolTags"]) == ("renamed", {"a": "1"})


def test_deletion_protection_refuses_delete_until_lifted(idp):
    pool = idp.create_user_pool(PoolName="protected", DeletionProtection="ACTIVE")["UserPool"]
    assert pool["DeletionProtection"] == "ACTIVE"
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.delete_user_pool(UserPoolId=pool["Id"])
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Name"] == "protected"
    idp.update_user_pool(UserPoolId=pool["Id"], DeletionProtection="INACTIVE")
    idp.delete_user_pool(UserPoolId=pool["Id"])
    with pytest.raises(idp.exceptions.ResourceNotFoundException) as caught:
        idp.describe_user_pool(UserPoolId=pool["Id"])
    assert _error(caught)["Message"] == f"User pool {pool['Id']} does not exist."


@pytest.mark.parametrize("call", [
    lambda idp, pid: idp.describe_user_pool(UserPoolId=pid),
    lambda idp, pid: idp.update_user_pool(UserPoolId=pid),
    lambda idp, pid: idp.delete_user_pool(UserPoolId=pid),
    lambda idp, pid: idp.add_custom_attributes(
        UserPoolId=pid, CustomAttributes=[{"Name": "x", "AttributeDataType": "String"}]),
])
def test_an_unknown_pool_is_resource_not_found(idp, call):
    with pytest.raises(idp.exceptions.ResourceNotFoundException) as caught:
        call(idp, "us-east-1_NoSuchOne")
    assert _error(caught)["Message"] == "User pool us-east-1_NoSuchOne does not exist."


def test_list_user_pools_pages_through_every_pool_once(idp):
    mine = {idp.create_user_pool(PoolName=f"page-{i}")["UserPool"]["Id"] for i in range(7)}
    seen, token, pages = [], None, 0
    while True:
        kwargs = {"MaxResults": 2, **({"NextToken": token} if token else {})}
        page = idp.list_user_pools(**kwargs)
        assert len(page["UserPools"]) <= 2
        seen += [p["Id"] for p in page["UserPools"]]
        pages += 1
        token = page.get("NextToken")
        if not token:
            break
    assert len(seen) == len(set(seen))
    assert mine <= set(seen)
    assert pages >= 4
    listed = {p["Id"]: p for p in idp.get_paginator("list_user_pools").paginate(
        MaxResults=3).build_full_result()["UserPools"]}
    assert mine <= set(listed)
    entry = listed[sorted(mine)[0]]
    assert set(entry) == {"Id", "Name", "LambdaConfig", "LastModifiedDate", "CreationDate"}


def test_a_deleted_pool_leaves_the_list(idp):
    pool = idp.create_user_pool(PoolName="gone")["UserPool"]
    idp.delete_user_pool(UserPoolId=pool["Id"])
    listed = idp.get_paginator("list_user_pools").paginate(MaxResults=60).build_full_result()
    assert pool["Id"] not in {p["Id"] for p in listed["UserPools"]}


def test_list_user_pools_max_results_is_bounded(idp):
    with pytest.raises(idp.exceptions.InvalidParameterException) as caught:
        idp.list_user_pools(MaxResults=61)
    assert _error(caught)["Message"] == (
        "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 60")


def test_a_forged_next_token_is_refused(idp):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.list_user_pools(MaxResults=2, NextToken="not-a-token")


def test_pre_token_generation_is_mirrored_into_its_config(idp):
    pool = idp.create_user_pool(PoolName="ptg", LambdaConfig={"PreTokenGeneration": LAMBDA + "v1"})["UserPool"]
    assert pool["LambdaConfig"] == {
        "PreTokenGeneration": LAMBDA + "v1",
        "PreTokenGenerationConfig": {"LambdaVersion": "V1_0", "LambdaArn": LAMBDA + "v1"}}


def test_pre_token_generation_config_is_mirrored_into_the_old_member(idp):
    pool = idp.create_user_pool(PoolName="ptg2", LambdaConfig={
        "PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": LAMBDA + "v2"}})["UserPool"]
    assert pool["LambdaConfig"]["PreTokenGeneration"] == LAMBDA + "v2"
    assert pool["LambdaConfig"]["PreTokenGenerationConfig"]["LambdaVersion"] == "V2_0"
    listed = idp.get_paginator("list_user_pools").paginate(MaxResults=60).build_full_result()
    entry = next(p for p in listed["UserPools"] if p["Id"] == pool["Id"])
    assert entry["LambdaConfig"] == pool["LambdaConfig"]


def test_verification_messages_are_mirrored_into_the_template(idp):
    pool = idp.create_user_pool(
        PoolName="msgs", SmsVerificationMessage="SMS {####}", EmailVerificationMessage="Mail {####}",
        EmailVerificationSubject="Subject")["UserPool"]
    assert pool["VerificationMessageTemplate"] == {
        "SmsMessage": "SMS {####}", "EmailMessage": "Mail {####}", "EmailSubject": "Subject",
        "DefaultEmailOption": "CONFIRM_WITH_CODE"}


def test_the_template_is_mirrored_into_the_old_members(idp):
    pool = idp.create_user_pool(PoolName="tmpl", VerificationMessageTemplate={
        "SmsMessage": "SMS {####}", "EmailMessage": "Mail {####}", "EmailSubject": "Subject",
        "EmailMessageByLink": "Click {##here##}", "EmailSubjectByLink": "Link",
        "DefaultEmailOption": "CONFIRM_WITH_LINK"})["UserPool"]
    assert (pool["SmsVerificationMessage"], pool["EmailVerificationMessage"],
            pool["EmailVerificationSubject"]) == ("SMS {####}", "Mail {####}", "Subject")
    assert pool["VerificationMessageTemplate"]["DefaultEmailOption"] == "CONFIRM_WITH_LINK"


def test_a_password_policy_without_its_minimum_length_is_refused(idp, pool):
    # AWS reads the missing member as 0 (measured; floci's CognitoServiceTest).
    message = ("1 validation error detected: Value '0' at 'policies.passwordPolicy.minimumLength'"
               " failed to satisfy constraint: Member must have value greater than or equal to 6")
    policies = {"PasswordPolicy": {"RequireSymbols": True}}
    with pytest.raises(idp.exceptions.InvalidParameterException) as caught:
        idp.create_user_pool(PoolName="no-minimum", Policies=policies)
    assert _error(caught)["Message"] == message
    with pytest.raises(idp.exceptions.InvalidParameterException) as caught:
        idp.update_user_pool(UserPoolId=pool["Id"], Policies=policies)
    assert _error(caught)["Message"] == message
    kept = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Policies"]
    assert kept["PasswordPolicy"]["MinimumLength"] == 8
