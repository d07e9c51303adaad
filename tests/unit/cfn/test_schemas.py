"""What the resource schemas say: create-only properties, GetAtt names, property types."""

from cfn_cognito.cfn import providers, schemas


def test_create_only_properties_come_from_the_schema():
    assert {"GenerateSecret", "UserPoolId"} <= schemas.create_only("AWS::Cognito::UserPoolClient")
    assert "FunctionName" in schemas.create_only("AWS::Lambda::Function")


def test_strings_become_the_types_the_schema_declares():
    props = {"Policies": {"PasswordPolicy": {"MinimumLength": "8", "RequireNumbers": "true"}},
             "UserPoolName": "123", "UserPoolTags": {"n": "1"}}
    assert schemas.coerce("AWS::Cognito::UserPool", props) == {
        "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireNumbers": True}},
        "UserPoolName": "123", "UserPoolTags": {"n": "1"}}


def test_providers_declare_the_attributes_aws_documents():
    # The Cognito types' GetAtt names, as the schemas list them, are what providers return.
    expected = {
        "AWS::Cognito::UserPool": {"Arn", "ProviderName", "ProviderURL", "UserPoolId"},
        "AWS::Cognito::UserPoolClient": {"ClientSecret", "Name", "ClientId"},
        "AWS::Lambda::Function": {"Arn"},
    }
    for type_name, names in expected.items():
        assert names <= schemas.attributes(type_name)
        assert type_name in providers.PROVIDERS


def test_pool_replacement_follows_what_cognito_cannot_change():
    pool = providers.get("AWS::Cognito::UserPool")
    base = {"UserPoolName": "p", "Schema": [{"Name": "email", "Required": True}]}
    assert not pool.replaces(base, dict(base, UserPoolName="q"))
    assert pool.replaces(base, dict(base, UsernameAttributes=["email"]))
    assert pool.replaces(base, dict(base, AliasAttributes=["email"]))
    added = dict(base, Schema=base["Schema"] + [{"Name": "team", "AttributeDataType": "String"}])
    assert not pool.replaces(base, added)
    assert pool.replaces(added, base)                                  # removing one
    assert pool.replaces(base, dict(base, Schema=[{"Name": "email", "Required": False}]))
