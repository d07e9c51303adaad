"""Tags on user pools: Tag/Untag/ListTagsForResource agree with DescribeUserPool."""

import pytest


def _tags(idp, pool) -> dict:
    listed = idp.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"]
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTags"] == listed
    return listed


def test_tags_given_at_creation_are_listed(idp):
    pool = idp.create_user_pool(PoolName="tagged", UserPoolTags={"team": "blue", "env": "dev"})["UserPool"]
    assert _tags(idp, pool) == {"team": "blue", "env": "dev"}


def test_tag_and_untag(idp, pool):
    assert _tags(idp, pool) == {}
    idp.tag_resource(ResourceArn=pool["Arn"], Tags={"team": "blue", "env": "dev"})
    assert _tags(idp, pool) == {"team": "blue", "env": "dev"}
    idp.tag_resource(ResourceArn=pool["Arn"], Tags={"team": "red"})
    assert _tags(idp, pool) == {"team": "red", "env": "dev"}
    idp.untag_resource(ResourceArn=pool["Arn"], TagKeys=["team", "never-set"])
    assert _tags(idp, pool) == {"env": "dev"}


def test_update_user_pool_keeps_tags_it_does_not_name(idp, pool):
    idp.tag_resource(ResourceArn=pool["Arn"], Tags={"team": "blue"})
    idp.update_user_pool(UserPoolId=pool["Id"], MfaConfiguration="OFF")
    assert _tags(idp, pool) == {"team": "blue"}


def test_at_most_fifty_tags(idp, pool):
    idp.tag_resource(ResourceArn=pool["Arn"], Tags={f"k{i}": "v" for i in range(45)})
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.tag_resource(ResourceArn=pool["Arn"], Tags={f"n{i}": "v" for i in range(10)})
    assert len(_tags(idp, pool)) == 45


@pytest.mark.parametrize("arn", [
    "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_NoSuchOne",
    "arn:aws:cognito-idp:eu-west-1:000000000000:userpool/{id}",
    "arn:aws:cognito-idp:us-east-1:999999999999:userpool/{id}",
])
def test_an_unknown_arn_is_resource_not_found(idp, pool, arn):
    arn = arn.format(id=pool["Id"])
    for call in (lambda: idp.list_tags_for_resource(ResourceArn=arn),
                 lambda: idp.tag_resource(ResourceArn=arn, Tags={"a": "b"}),
                 lambda: idp.untag_resource(ResourceArn=arn, TagKeys=["a"])):
        with pytest.raises(idp.exceptions.ResourceNotFoundException):
            call()
    assert _tags(idp, pool) == {}


def test_a_malformed_arn_is_a_validation_error(idp):
    with pytest.raises(idp.exceptions.InvalidParameterException) as caught:
        idp.list_tags_for_resource(ResourceArn="not-an-arn-at-all-really")
    assert caught.value.response["Error"]["Message"].startswith(
        "1 validation error detected: Value 'not-an-arn-at-all-really' at 'resourceArn' failed to satisfy constraint")
