"""Resource servers (custom OAuth scopes): Create/Describe/List/Update/DeleteResourceServer."""

import pytest

from aws_wire import aws_example

SCOPES = [{"ScopeName": "sunproximity.read", "ScopeDescription": "Distance in AU from Sol"},
          {"ScopeName": "asteroids.add", "ScopeDescription": "Enter a new asteroid"}]


def _create(idp, pool, identifier="solar-system-data", scopes=SCOPES):
    return idp.create_resource_server(UserPoolId=pool["Id"], Identifier=identifier,
                                      Name="Solar system object tracker", Scopes=scopes)["ResourceServer"]


def test_create_answers_like_the_aws_cli_example(idp, pool):
    expected = aws_example("create-resource-server")["ResourceServer"]
    assert _create(idp, pool) == {**expected, "UserPoolId": pool["Id"]}
    described = idp.describe_resource_server(UserPoolId=pool["Id"], Identifier="solar-system-data")
    assert described["ResourceServer"] == {**expected, "UserPoolId": pool["Id"]}


def test_an_identifier_is_unique_in_a_pool(idp, pool):
    _create(idp, pool)
    with pytest.raises(idp.exceptions.InvalidParameterException):
        _create(idp, pool)
    other = idp.create_user_pool(PoolName="other")["UserPool"]
    assert _create(idp, other)["UserPoolId"] == other["Id"]


def test_scope_names_are_unique_in_a_server(idp, pool):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        _create(idp, pool, scopes=[{"ScopeName": "read", "ScopeDescription": "a"},
                                   {"ScopeName": "read", "ScopeDescription": "b"}])


def test_update_replaces_name_and_scopes(idp, pool):
    _create(idp, pool)
    new_scopes = [{"ScopeName": "comets.add", "ScopeDescription": "Enter a comet"}]
    updated = idp.update_resource_server(UserPoolId=pool["Id"], Identifier="solar-system-data",
                                         Name="Comets", Scopes=new_scopes)["ResourceServer"]
    assert (updated["Name"], updated["Scopes"]) == ("Comets", new_scopes)
    described = idp.describe_resource_server(UserPoolId=pool["Id"], Identifier="solar-system-data")
    assert described["ResourceServer"] == updated


def test_list_pages_through_every_server_once(idp, pool):
    identifiers = {_create(idp, pool, identifier=f"https://api{i}.example.com")["Identifier"]
                   for i in range(5)}
    seen, token = [], None
    while True:
        page = idp.list_resource_servers(UserPoolId=pool["Id"], MaxResults=2,
                                         **({"NextToken": token} if token else {}))
        assert len(page["ResourceServers"]) <= 2
        seen += [s["Identifier"] for s in page["ResourceServers"]]
        token = page.get("NextToken")
        if not token:
            break
    assert sorted(seen) == sorted(identifiers)


def test_delete(idp, pool):
    _create(idp, pool)
    idp.delete_resource_server(UserPoolId=pool["Id"], Identifier="solar-system-data")
    for call in (idp.describe_resource_server, idp.delete_resource_server):
        with pytest.raises(idp.exceptions.ResourceNotFoundException):
            call(UserPoolId=pool["Id"], Identifier="solar-system-data")
    assert idp.list_resource_servers(UserPoolId=pool["Id"], MaxResults=10)["ResourceServers"] == []


@pytest.mark.parametrize("call", [
    lambda idp: idp.describe_resource_server(UserPoolId="us-east-1_NoSuchOne", Identifier="x"),
    lambda idp: idp.list_resource_servers(UserPoolId="us-east-1_NoSuchOne", MaxResults=5),
    lambda idp: idp.create_resource_server(UserPoolId="us-east-1_NoSuchOne", Identifier="x", Name="x"),
])
def test_an_unknown_pool(idp, call):
    with pytest.raises(idp.exceptions.ResourceNotFoundException) as caught:
        call(idp)
    assert caught.value.response["Error"]["Message"] == "User pool us-east-1_NoSuchOne does not exist."
