"""Hosted UI domains: prefix and custom, one of each per pool, unique across pools."""

import uuid

import pytest

from aws_wire import aws_example

CERT = "arn:aws:acm:us-east-1:000000000000:certificate/a1b2c3d4"


def _prefix() -> str:
    return f"dom-{uuid.uuid4().hex[:10]}"


def _custom() -> str:
    return f"auth-{uuid.uuid4().hex[:10]}.example.com"


def test_a_prefix_domain_is_described_like_aws(idp, pool):
    domain = _prefix()
    created = idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    assert "CloudFrontDomain" not in created
    described = idp.describe_user_pool_domain(Domain=domain)["DomainDescription"]
    expected = aws_example("describe-user-pool-domain")["DomainDescription"]
    assert set(expected) <= set(described)
    assert described["UserPoolId"] == pool["Id"]
    assert described["Domain"] == domain
    assert described["AWSAccountId"] == "000000000000"
    assert described["Status"] == "ACTIVE"
    assert described["CustomDomainConfig"] == {}
    assert described["CloudFrontDistribution"].endswith(".cloudfront.net")
    assert len(described["Version"]) == len(expected["Version"]) and described["Version"].isdigit()


def test_a_custom_domain_answers_with_its_cloudfront_domain(idp, pool):
    domain = _custom()
    created = idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain,
                                          CustomDomainConfig={"CertificateArn": CERT})
    assert created["CloudFrontDomain"].endswith(".cloudfront.net")
    described = idp.describe_user_pool_domain(Domain=domain)["DomainDescription"]
    assert described["CustomDomainConfig"] == {"CertificateArn": CERT}
    assert described["CloudFrontDistribution"] == created["CloudFrontDomain"]


def test_an_unknown_domain_is_described_as_empty(idp):
    assert idp.describe_user_pool_domain(Domain=_prefix())["DomainDescription"] == {}


def test_describe_user_pool_shows_both_domains(idp, pool):
    prefix, custom = _prefix(), _custom()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=prefix)
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=custom,
                                CustomDomainConfig={"CertificateArn": CERT})
    described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert (described["Domain"], described["CustomDomain"]) == (prefix, custom)


def test_a_pool_has_one_prefix_domain(idp, pool):
    first = _prefix()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=first)
    with pytest.raises(idp.exceptions.InvalidParameterException) as caught:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=_prefix())
    # As AWS words it (quoted in AWS's own samples and the CDK issue tracker).
    assert "User pool already has a domain configured" in caught.value.response["Error"]["Message"]
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Domain"] == first


def test_a_domain_taken_by_another_pool_is_refused(idp, pool):
    domain = _prefix()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    other = idp.create_user_pool(PoolName="other")["UserPool"]
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.create_user_pool_domain(UserPoolId=other["Id"], Domain=domain)
    assert idp.describe_user_pool_domain(Domain=domain)["DomainDescription"]["UserPoolId"] == pool["Id"]
    assert "Domain" not in idp.describe_user_pool(UserPoolId=other["Id"])["UserPool"]


@pytest.mark.parametrize("domain", ["my-cognito-app", "auth.example.com", "-leading", "UPPER"])
def test_bad_prefixes_are_refused(idp, pool, domain):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)


def test_creating_a_domain_for_an_unknown_pool(idp):
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.create_user_pool_domain(UserPoolId="us-east-1_NoSuchOne", Domain=_prefix())


def test_update_changes_the_login_version_and_certificate(idp, pool):
    prefix, custom = _prefix(), _custom()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=prefix)
    idp.update_user_pool_domain(UserPoolId=pool["Id"], Domain=prefix, ManagedLoginVersion=2)
    assert idp.describe_user_pool_domain(Domain=prefix)["DomainDescription"]["ManagedLoginVersion"] == 2
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=custom,
                                CustomDomainConfig={"CertificateArn": CERT})
    idp.update_user_pool_domain(UserPoolId=pool["Id"], Domain=custom,
                                CustomDomainConfig={"CertificateArn": CERT + "-new"})
    described = idp.describe_user_pool_domain(Domain=custom)["DomainDescription"]
    assert described["CustomDomainConfig"] == {"CertificateArn": CERT + "-new"}


def test_delete_frees_the_domain(idp, pool):
    domain = _prefix()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    assert idp.describe_user_pool_domain(Domain=domain)["DomainDescription"] == {}
    assert "Domain" not in idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    other = idp.create_user_pool(PoolName="other")["UserPool"]
    idp.create_user_pool_domain(UserPoolId=other["Id"], Domain=domain)
    assert idp.describe_user_pool_domain(Domain=domain)["DomainDescription"]["UserPoolId"] == other["Id"]


def test_deleting_a_domain_the_pool_does_not_have(idp, pool):
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=_prefix())


def test_a_pool_with_a_domain_cannot_be_deleted(idp):
    pool = idp.create_user_pool(PoolName="with-domain")["UserPool"]
    domain = _prefix()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    with pytest.raises(idp.exceptions.InvalidParameterException) as caught:
        idp.delete_user_pool(UserPoolId=pool["Id"])
    assert caught.value.response["Error"]["Message"] == (
        "User pool cannot be deleted. It has a domain configured that should be deleted first.")
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Domain"] == domain
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    idp.delete_user_pool(UserPoolId=pool["Id"])
    assert idp.describe_user_pool_domain(Domain=domain)["DomainDescription"] == {}
