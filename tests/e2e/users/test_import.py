"""User import from a CSV file, as AWS's guide does it: GetCSVHeader, CreateUserImportJob,
PUT the file to the pre-signed URL, StartUserImportJob, DescribeUserImportJob; imported
users reset their passwords before they can sign in."""

import time

import boto3
import pytest
import requests

from aws_wire import aws_example
from cfn_cognito.testing import LocalCognito
from user_helpers import error_of, last_code, make_client, make_pool  # noqa: F401

ROLE = "arn:aws:iam::000000000000:role/CognitoImportRole"
KMS = {"x-amz-server-side-encryption": "aws:kms"}
FINISHED = ("Succeeded", "Failed", "Stopped", "Expired")


def csv_of(header: list[str], *rows: dict) -> str:
    lines = [",".join(header)]
    for row in rows:
        values = {"cognito:mfa_enabled": "false", **row}
        lines.append(",".join(values.get(column, "") for column in header))
    return "\n".join(lines) + "\n"


def person(n: int) -> dict:
    return {"cognito:username": f"user{n:04d}", "email": f"user{n:04d}@example.com",
            "email_verified": "true", "given_name": f"User {n}"}


def wait_for(idp, pool, job_id, statuses=FINISHED, timeout=60.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = idp.describe_user_import_job(UserPoolId=pool["Id"], JobId=job_id)["UserImportJob"]
        if job["Status"] in statuses or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def new_job(idp, pool, name="import") -> dict:
    return idp.create_user_import_job(UserPoolId=pool["Id"], JobName=name,
                                      CloudWatchLogsRoleArn=ROLE)["UserImportJob"]


def run_import(idp, pool, body: str) -> dict:
    job = new_job(idp, pool)
    r = requests.put(job["PreSignedUrl"], data=body.encode(), headers=KMS, timeout=30)
    assert r.status_code == 200, r.text
    started = idp.start_user_import_job(UserPoolId=pool["Id"], JobId=job["JobId"])
    assert started["UserImportJob"]["Status"] in ("Pending", "InProgress", "Succeeded", "Failed")
    return wait_for(idp, pool, job["JobId"])


@pytest.fixture
def email_pool(make_pool):
    return make_pool(AutoVerifiedAttributes=["email"])


def test_the_csv_header_is_what_aws_gives_for_the_same_schema(idp, make_pool):
    pool = make_pool()
    answer = idp.get_csv_header(UserPoolId=pool["Id"])
    assert answer["UserPoolId"] == pool["Id"]
    assert answer["CSVHeader"] == aws_example("get-csv-header")["CSVHeader"]
    custom = make_pool(Schema=[{"Name": "plan", "AttributeDataType": "String"}])
    assert "custom:plan" in idp.get_csv_header(UserPoolId=custom["Id"])["CSVHeader"]


def test_a_new_job_has_the_shape_of_aws_and_an_upload_url(idp, email_pool):
    job = new_job(idp, email_pool, "MyImportJob")
    expected = aws_example("create-user-import-job")["UserImportJob"]
    assert list(job) == list(expected)
    assert job["Status"] == "Created" and job["JobId"].startswith("import-")
    assert (job["ImportedUsers"], job["SkippedUsers"], job["FailedUsers"]) == (0, 0, 0)
    assert job["PreSignedUrl"].startswith("http") and "/_cfn_cognito/import/" in job["PreSignedUrl"]
    assert idp.describe_user_import_job(UserPoolId=email_pool["Id"],
                                        JobId=job["JobId"])["UserImportJob"] == job


def test_a_thousand_users_import_and_can_then_reset_their_passwords(idp, cognito_url, email_pool):
    header = idp.get_csv_header(UserPoolId=email_pool["Id"])["CSVHeader"]
    job = run_import(idp, email_pool, csv_of(header, *(person(n) for n in range(1000))))
    assert job["Status"] == "Succeeded", job
    assert (job["ImportedUsers"], job["SkippedUsers"], job["FailedUsers"]) == (1000, 0, 0)
    assert job["CompletionMessage"] == "Import Job Completed Successfully."
    assert job["StartDate"] <= job["CompletionDate"]
    described = idp.describe_user_pool(UserPoolId=email_pool["Id"])["UserPool"]
    assert described["EstimatedNumberOfUsers"] == 1000

    user = idp.admin_get_user(UserPoolId=email_pool["Id"], Username="user0042")
    assert user["UserStatus"] == "RESET_REQUIRED" and user["Enabled"] is True
    values = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert values["email"] == "user0042@example.com" and values["email_verified"] == "true"
    assert values["given_name"] == "User 42"

    client = make_client(idp, email_pool, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                             "ALLOW_REFRESH_TOKEN_AUTH"])
    sign_in = {"ClientId": client["ClientId"], "AuthFlow": "USER_PASSWORD_AUTH",
               "AuthParameters": {"USERNAME": "user0042", "PASSWORD": "Whatever1!"}}
    assert error_of(idp.initiate_auth, **sign_in) == (
        "PasswordResetRequiredException", "Password reset required for the user")
    delivery = idp.forgot_password(ClientId=client["ClientId"], Username="user0042")
    assert delivery["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    idp.confirm_forgot_password(ClientId=client["ClientId"], Username="user0042",
                                ConfirmationCode=last_code(cognito_url, email_pool, "user0042"),
                                Password="N3w-Passw0rd!")
    sign_in["AuthParameters"]["PASSWORD"] = "N3w-Passw0rd!"
    assert idp.initiate_auth(**sign_in)["AuthenticationResult"]["AccessToken"]
    assert idp.admin_get_user(UserPoolId=email_pool["Id"],
                              Username="user0042")["UserStatus"] == "CONFIRMED"


def test_rows_that_break_the_rules_are_counted_and_logged(idp, cognito_server, email_pool):
    idp.admin_create_user(UserPoolId=email_pool["Id"], Username="already",
                          MessageAction="SUPPRESS")
    header = idp.get_csv_header(UserPoolId=email_pool["Id"])["CSVHeader"]
    body = csv_of(header,
                  person(1),
                  {"cognito:username": "unverified", "email": "u@example.com",
                   "email_verified": "false"},
                  {"cognito:username": "bademail", "email": "nope", "email_verified": "true"},
                  {"cognito:username": "mfa", "email": "m@example.com", "email_verified": "true",
                   "cognito:mfa_enabled": "true"},
                  {"cognito:username": "already", "email": "a@example.com",
                   "email_verified": "true"},
                  person(2))
    job = run_import(idp, email_pool, body)
    assert job["Status"] == "Succeeded"
    assert (job["ImportedUsers"], job["SkippedUsers"], job["FailedUsers"]) == (2, 1, 3)
    log = cognito_server.log()
    assert f"user import {job['JobId']}, line 3: failed: email_verified must be true" in log
    assert f"user import {job['JobId']}, line 4: failed: Invalid email address format." in log
    assert f"user import {job['JobId']}, line 5: failed: cognito:mfa_enabled must be false" in log
    assert f"user import {job['JobId']}, line 6: skipped" in log
    assert error_of(idp.admin_get_user, UserPoolId=email_pool["Id"], Username="bademail")[0] == \
        "UserNotFoundException"


def test_a_job_where_every_row_fails_fails(idp, email_pool):
    header = idp.get_csv_header(UserPoolId=email_pool["Id"])["CSVHeader"]
    job = run_import(idp, email_pool, csv_of(header, {"cognito:username": "x"}))
    assert job["Status"] == "Failed" and job["FailedUsers"] == 1
    assert job["CompletionMessage"] == "Too many users have failed or been skipped during the import."


def test_a_file_with_a_wrong_header_fails_the_job(idp, email_pool):
    job = run_import(idp, email_pool, "cognito:username,email\nbob,bob@example.com\n")
    assert job["Status"] == "Failed" and job["ImportedUsers"] == 0
    assert job["CompletionMessage"].startswith("The CSV header is invalid: missing columns")


def test_the_upload_needs_the_signature_and_the_encryption_header(idp, email_pool):
    job = new_job(idp, email_pool)
    url = job["PreSignedUrl"]
    r = requests.put(url, data=b"x", timeout=10)
    assert r.status_code == 403 and "<Code>SignatureDoesNotMatch</Code>" in r.text
    forged = url.replace("signature=", "signature=x")
    r = requests.put(forged, data=b"x", headers=KMS, timeout=10)
    assert r.status_code == 403 and "<Code>AccessDenied</Code>" in r.text
    assert error_of(idp.start_user_import_job, UserPoolId=email_pool["Id"],
                    JobId=job["JobId"])[0] == "PreconditionNotMetException"


def test_a_pool_without_auto_verified_attributes_cannot_start_an_import(idp, make_pool):
    pool = make_pool()
    job = new_job(idp, pool)
    header = idp.get_csv_header(UserPoolId=pool["Id"])["CSVHeader"]
    requests.put(job["PreSignedUrl"], data=csv_of(header, person(1)), headers=KMS, timeout=10)
    code, message = error_of(idp.start_user_import_job, UserPoolId=pool["Id"], JobId=job["JobId"])
    assert code == "PreconditionNotMetException" and "auto-verified" in message


def test_a_stopped_job_imports_nothing_more(idp, email_pool):
    header = idp.get_csv_header(UserPoolId=email_pool["Id"])["CSVHeader"]
    job = new_job(idp, email_pool)
    body = csv_of(header, *(person(n) for n in range(30000)))
    requests.put(job["PreSignedUrl"], data=body.encode(), headers=KMS, timeout=60)
    idp.start_user_import_job(UserPoolId=email_pool["Id"], JobId=job["JobId"])
    stopped = idp.stop_user_import_job(UserPoolId=email_pool["Id"], JobId=job["JobId"])
    stopped = stopped["UserImportJob"]
    assert stopped["Status"] == "Stopped"
    assert stopped["CompletionMessage"] == "The Import Job was stopped by the developer."
    time.sleep(0.5)
    later = wait_for(idp, email_pool, job["JobId"])
    assert later["Status"] == "Stopped"
    assert later["ImportedUsers"] == stopped["ImportedUsers"] < 30000
    users = idp.describe_user_pool(UserPoolId=email_pool["Id"])["UserPool"]
    assert users["EstimatedNumberOfUsers"] == stopped["ImportedUsers"]
    assert error_of(idp.start_user_import_job, UserPoolId=email_pool["Id"],
                    JobId=job["JobId"])[0] == "PreconditionNotMetException"


def test_jobs_are_listed_newest_first_page_by_page(idp, email_pool):
    made = [new_job(idp, email_pool, f"job-{n}")["JobId"] for n in range(3)]
    first = idp.list_user_import_jobs(UserPoolId=email_pool["Id"], MaxResults=2)
    assert [j["JobId"] for j in first["UserImportJobs"]] == made[::-1][:2]
    rest = idp.list_user_import_jobs(UserPoolId=email_pool["Id"], MaxResults=2,
                                     PaginationToken=first["PaginationToken"])
    assert [j["JobId"] for j in rest["UserImportJobs"]] == made[:1]
    assert "PaginationToken" not in rest


def test_importing_password_hashes_is_refused(idp, email_pool):
    code, message = error_of(idp.create_user_import_job, UserPoolId=email_pool["Id"],
                             JobName="hashes", CloudWatchLogsRoleArn=ROLE,
                             PasswordHashingAlgorithm="BCRYPT")
    assert code == "UnsupportedOperationException" and "PasswordHashingAlgorithm" in message


def test_an_unknown_job_is_not_found(idp, email_pool):
    assert error_of(idp.describe_user_import_job, UserPoolId=email_pool["Id"],
                    JobId="import-nothere")[0] == "ResourceNotFoundException"


def test_an_uploaded_job_survives_a_restart():
    with LocalCognito() as server:
        idp = boto3.client("cognito-idp", endpoint_url=server.url, region_name="us-east-1")
        pool = idp.create_user_pool(PoolName="restart", AutoVerifiedAttributes=["email"])["UserPool"]
        header = idp.get_csv_header(UserPoolId=pool["Id"])["CSVHeader"]
        job = new_job(idp, pool)
        requests.put(job["PreSignedUrl"], data=csv_of(header, person(7)), headers=KMS, timeout=10)
        server.stop()
        server.start()
        assert wait_for(idp, pool, job["JobId"], ("Created",))["Status"] == "Created"
        idp.start_user_import_job(UserPoolId=pool["Id"], JobId=job["JobId"])
        assert wait_for(idp, pool, job["JobId"])["ImportedUsers"] == 1
        assert idp.admin_get_user(UserPoolId=pool["Id"], Username="user0007")["UserStatus"] == \
            "RESET_REQUIRED"
