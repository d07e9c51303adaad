"""ListUsers: filters, ordering, pagination, AttributesToGet and bad input."""

import pytest

from user_helpers import attr_map, attrs, error_of, make_pool  # noqa: F401

PEOPLE = [
    # username, email, given name, family name, phone
    ("uma", "Uma@Example.com", "Uma", "Thurman", "+12065550001"),
    ("victor", "victor@example.com", "Victor", "Hugo", "+12065550002"),
    ("Walter", "walter@sample.org", "Walter", "White", "+12065550003"),
    ("xena", "xena@example.com", "Xena", "Warrior", "+44205550004"),
    ("yusuf", "yusuf@sample.org", "Yusuf", "Islam", "+44205550005"),
]


@pytest.fixture
def people(idp, pool):
    subs = {}
    for username, email, given, family, phone in PEOPLE:
        user = idp.admin_create_user(
            UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
            UserAttributes=attrs(email=email, given_name=given, family_name=family,
                                 name=f"{given} {family}", phone_number=phone,
                                 preferred_username=f"{username}-pref"))["User"]
        subs[username] = attr_map(user)["sub"]
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="victor", Password="Passw0rd!",
                                Permanent=True)
    idp.admin_disable_user(UserPoolId=pool["Id"], Username="xena")
    return subs


def _names(idp, pool, **kwargs):
    return [u["Username"] for u in idp.list_users(UserPoolId=pool["Id"], **kwargs)["Users"]]


@pytest.mark.parametrize("flt, expected", [
    ('email = "uma@example.com"', ["uma"]),
    ('email ^= "UMA"', ["uma"]),
    ('email ^= ""', ["uma", "victor", "Walter", "xena", "yusuf"]),
    ('given_name ^= "x"', ["xena"]),
    ('family_name = "white"', ["Walter"]),
    ('name ^= "Victor H"', ["victor"]),
    ('phone_number ^= "+44"', ["xena", "yusuf"]),
    ('preferred_username = "yusuf-pref"', ["yusuf"]),
    ('username = "Walter"', ["Walter"]),
    ('username = "walter"', []),
    ('username ^= "x"', ["xena"]),
    ('cognito:user_status = "confirmed"', ["victor"]),
    ('cognito:user_status = "FORCE_CHANGE_PASSWORD"', ["uma", "Walter", "xena", "yusuf"]),
    ('status = "Disabled"', ["xena"]),
    ('status = "disabled"', []),
    ('email = "nobody@example.com"', []),
])
def test_filters_find_the_right_users(idp, pool, people, flt, expected):
    assert sorted(_names(idp, pool, Filter=flt)) == sorted(expected)


def test_filtered_results_are_ordered_by_the_filtered_value(idp, pool, people):
    assert _names(idp, pool, Filter='email ^= ""') == ["uma", "victor", "Walter", "xena", "yusuf"]
    assert _names(idp, pool, Filter='family_name ^= ""') == ["victor", "yusuf", "uma", "xena", "Walter"]


def test_filter_by_sub(idp, pool, people):
    assert _names(idp, pool, Filter=f'sub = "{people["yusuf"]}"') == ["yusuf"]


def test_attributes_to_get_limits_what_comes_back(idp, pool, people):
    users = idp.list_users(UserPoolId=pool["Id"], AttributesToGet=["email", "given_name"],
                           Filter='username = "uma"')["Users"]
    assert [a["Name"] for a in users[0]["Attributes"]] == ["given_name", "email"]
    assert users[0]["UserStatus"] == "FORCE_CHANGE_PASSWORD"


@pytest.mark.parametrize("flt", [None, 'email ^= ""'])
def test_pagination_visits_every_user_once(idp, pool, people, flt):
    seen, token = [], None
    while True:
        kwargs = {"Limit": 2, **({"Filter": flt} if flt else {}),
                  **({"PaginationToken": token} if token else {})}
        page = idp.list_users(UserPoolId=pool["Id"], **kwargs)
        assert len(page["Users"]) <= 2
        seen += [u["Username"] for u in page["Users"]]
        token = page.get("PaginationToken")
        if not token:
            break
    assert sorted(seen) == sorted(p[0] for p in PEOPLE)
    assert len(seen) == len(PEOPLE)


def test_bad_filters_and_tokens_are_refused(idp, pool, people):
    for flt in ("email = uma", 'email = "a" and name = "b"', 'email != "x"'):
        assert error_of(idp.list_users, UserPoolId=pool["Id"], Filter=flt) == (
            "InvalidParameterException", "Error while parsing filter.")
    assert error_of(idp.list_users, UserPoolId=pool["Id"], Filter='custom:tier = "gold"') == (
        "InvalidParameterException", "Invalid search attribute: custom:tier")
    assert error_of(idp.list_users, UserPoolId=pool["Id"], PaginationToken="not-a-token") == (
        "InvalidParameterException", "Invalid pagination token.")
    assert error_of(idp.list_users, UserPoolId=pool["Id"], Limit=61)[0] == \
        "InvalidParameterException"
    assert error_of(idp.list_users, UserPoolId="us-east-1_nosuchpol")[0] == \
        "ResourceNotFoundException"


def test_an_empty_pool_lists_nobody(idp, pool):
    assert idp.list_users(UserPoolId=pool["Id"])["Users"] == []
