"""Groups: Create/Get/List/Update/DeleteGroup."""

import pytest

from aws_wire import aws_example

ROLE = "arn:aws:iam::111111111111:role/MyNewGroupRole"


def test_create_answers_like_the_aws_cli_example(idp, pool):
    expected = aws_example("create-group", 1)["Group"]
    group = idp.create_group(UserPoolId=pool["Id"], GroupName="MyNewGroupWithRole",
                             Description="New group with a role.", RoleArn=ROLE, Precedence=2)["Group"]
    assert set(group) == set(expected)
    for key in ("GroupName", "Description", "RoleArn", "Precedence"):
        assert group[key] == expected[key]
    assert group["UserPoolId"] == pool["Id"]
    assert group["CreationDate"] == group["LastModifiedDate"]
    assert idp.get_group(UserPoolId=pool["Id"], GroupName="MyNewGroupWithRole")["Group"] == group


def test_a_group_without_options_has_no_optional_members(idp, pool):
    group = idp.create_group(UserPoolId=pool["Id"], GroupName="plain")["Group"]
    assert set(group) == {"GroupName", "UserPoolId", "LastModifiedDate", "CreationDate"}


def test_precedence_zero_is_kept(idp, pool):
    assert idp.create_group(UserPoolId=pool["Id"], GroupName="first", Precedence=0)["Group"]["Precedence"] == 0


def test_a_group_name_is_unique_in_a_pool(idp, pool):
    idp.create_group(UserPoolId=pool["Id"], GroupName="admins", Description="first")
    with pytest.raises(idp.exceptions.GroupExistsException):
        idp.create_group(UserPoolId=pool["Id"], GroupName="admins", Description="second")
    assert idp.get_group(UserPoolId=pool["Id"], GroupName="admins")["Group"]["Description"] == "first"
    other = idp.create_user_pool(PoolName="other")["UserPool"]
    assert idp.create_group(UserPoolId=other["Id"], GroupName="admins")["Group"]["UserPoolId"] == other["Id"]


def test_update_changes_what_it_names(idp, pool):
    created = idp.create_group(UserPoolId=pool["Id"], GroupName="staff", Description="Staff",
                               Precedence=3)["Group"]
    updated = idp.update_group(UserPoolId=pool["Id"], GroupName="staff", Precedence=1,
                               RoleArn=ROLE)["Group"]
    assert (updated["Precedence"], updated["RoleArn"]) == (1, ROLE)
    assert updated["CreationDate"] == created["CreationDate"]
    assert updated["LastModifiedDate"] >= created["LastModifiedDate"]
    assert idp.get_group(UserPoolId=pool["Id"], GroupName="staff")["Group"] == updated


def test_list_groups_pages_through_every_group_once(idp, pool):
    names = {idp.create_group(UserPoolId=pool["Id"], GroupName=f"g{i}", Precedence=i)["Group"]["GroupName"]
             for i in range(5)}
    seen, token = [], None
    while True:
        page = idp.list_groups(UserPoolId=pool["Id"], Limit=2, **({"NextToken": token} if token else {}))
        assert len(page["Groups"]) <= 2
        seen += [g["GroupName"] for g in page["Groups"]]
        token = page.get("NextToken")
        if not token:
            break
    assert sorted(seen) == sorted(names)
    full = idp.get_paginator("list_groups").paginate(UserPoolId=pool["Id"]).build_full_result()
    assert {g["GroupName"] for g in full["Groups"]} == names


def test_delete_group(idp, pool):
    idp.create_group(UserPoolId=pool["Id"], GroupName="temp")
    idp.delete_group(UserPoolId=pool["Id"], GroupName="temp")
    for call in (idp.get_group, idp.delete_group, idp.update_group):
        with pytest.raises(idp.exceptions.ResourceNotFoundException):
            call(UserPoolId=pool["Id"], GroupName="temp")
    assert idp.list_groups(UserPoolId=pool["Id"])["Groups"] == []
    idp.create_group(UserPoolId=pool["Id"], GroupName="temp")


@pytest.mark.parametrize("call", [
    lambda idp: idp.create_group(UserPoolId="us-east-1_NoSuchOne", GroupName="g"),
    lambda idp: idp.get_group(UserPoolId="us-east-1_NoSuchOne", GroupName="g"),
    lambda idp: idp.list_groups(UserPoolId="us-east-1_NoSuchOne"),
])
def test_an_unknown_pool(idp, call):
    with pytest.raises(idp.exceptions.ResourceNotFoundException) as caught:
        call(idp)
    assert caught.value.response["Error"]["Message"] == "User pool us-east-1_NoSuchOne does not exist."
