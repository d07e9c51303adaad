"""AWS::S3::Bucket: recorded (a deployment bucket holds nothing here)."""

from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.cfn.providers.recorded import Recorded


class Bucket(Recorded):
    TYPE = "AWS::S3::Bucket"
    NAMED_BY = ("BucketName",)

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        name = current.physical_id if current else (
            props.get("BucketName") or call.physical_name(63, lowercase=True))
        region = call.region
        return Resource(name, {
            "Arn": f"arn:aws:s3:::{name}",
            "DomainName": f"{name}.s3.amazonaws.com",
            "RegionalDomainName": f"{name}.s3.{region}.amazonaws.com",
            "DualStackDomainName": f"{name}.s3.dualstack.{region}.amazonaws.com",
            "WebsiteURL": f"http://{name}.s3-website-{region}.amazonaws.com",
        })


PROVIDER = Bucket()
