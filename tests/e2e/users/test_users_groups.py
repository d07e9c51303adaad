"""AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminListGroupsForUser, ListUsersInGroup."""

from user_helpers import attr_map, error_of


def _create(idp, pool, *names):
    for name in names:
        idp.admin_create_user(UserPoolId=pool["Id"], Username=name, MessageAction="SUPPRESS")


def test_membership_round_trip(idp, pool):
    _create(idp, pool, "ann")
    idp.create_group(UserPoolId=pool["Id"], GroupName="admins", Precedence=1,
                     Description="Admins")
    idp.create_group(UserPoolId=pool["Id"], GroupName="readers")
    for group in ("readers", "admins", "admins"):  # adding twice is harmless
        idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="ann", GroupName=group)
    groups = idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username="ann")["Groups"]
    assert [g["GroupName"] for g in groups] == ["admins", "readers"]
    assert groups[0]["Precedence"] == 1 and groups[0]["UserPoolId"] == pool["Id"]
    members = idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="admins")["Users"]
    assert [u["Username"] for u in members] == ["ann"]
    assert set(members[0]) == {"Username", "Attributes", "UserCreateDate", "UserLastModifiedDate",
                               "Enabled", "UserStatus"}
    idp.admin_remove_user_from_group(UserPoolId=pool["Id"], Username="ann", GroupName="admins")
    groups = idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username="ann")["Groups"]
    assert [g["GroupName"] for g in groups] == ["readers"]


def test_unknown_user_or_group(idp, pool):
    _create(idp, pool, "bea")
    idp.create_group(UserPoolId=pool["Id"], GroupName="g")
    assert error_of(idp.admin_add_user_to_group, UserPoolId=pool["Id"], Username="bea",
                    GroupName="nope") == ("ResourceNotFoundException", "Group not found.")
    assert error_of(idp.admin_add_user_to_group, UserPoolId=pool["Id"], Username="nobody",
                    GroupName="g") == ("UserNotFoundException", "User does not exist.")
    assert error_of(idp.list_users_in_group, UserPoolId=pool["Id"], GroupName="nope")[0] == \
        "ResourceNotFoundException"
    assert error_of(idp.admin_list_groups_for_user, UserPoolId=pool["Id"],
                    Username="nobody")[0] == "UserNotFoundException"


def test_deleting_a_group_ends_its_memberships(idp, pool):
    _create(idp, pool, "cy")
    idp.create_group(UserPoolId=pool["Id"], GroupName="temp")
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="cy", GroupName="temp")
    idp.delete_group(UserPoolId=pool["Id"], GroupName="temp")
    idp.create_group(UserPoolId=pool["Id"], GroupName="temp")
    assert idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="temp")["Users"] == []


def test_pages_of_members_and_groups(idp, pool):
    names = [f"user{i}" for i in range(5)]
    _create(idp, pool, *names)
    for g in range(3):
        idp.create_group(UserPoolId=pool["Id"], GroupName=f"g{g}")
        idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="user0", GroupName=f"g{g}")
    for name in names:
        idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username=name, GroupName="g1")

    seen, token = [], None
    while True:
        page = idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="g1", Limit=2,
                                       **({"NextToken": token} if token else {}))
        seen += [u["Username"] for u in page["Users"]]
        token = page.get("NextToken")
        if not token:
            break
    assert sorted(seen) == names

    first = idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username="user0", Limit=2)
    rest = idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username="user0",
                                          NextToken=first["NextToken"])
    assert [g["GroupName"] for g in first["Groups"] + rest["Groups"]] == ["g0", "g1", "g2"]
    assert "NextToken" not in rest


def test_a_user_found_by_sub_joins_groups(idp, pool):
    user = idp.admin_create_user(UserPoolId=pool["Id"], Username="dot",
                                 MessageAction="SUPPRESS")["User"]
    idp.create_group(UserPoolId=pool["Id"], GroupName="g")
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username=attr_map(user)["sub"],
                                GroupName="g")
    assert [u["Username"] for u in
            idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="g")["Users"]] == ["dot"]
