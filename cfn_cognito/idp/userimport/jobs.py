"""User import jobs: GetCSVHeader, CreateUserImportJob, StartUserImportJob,
DescribeUserImportJob, ListUserImportJobs, StopUserImportJob.

A job is created with a pre-signed URL that this service serves (cfn_cognito/web/files.py):
the CSV is PUT there within 15 minutes, with `x-amz-server-side-encryption: aws:kms` as
AWS's URL demands. Starting the job imports the file in a background thread
(user_import_worker.py): Created -> Pending -> InProgress -> Succeeded / Failed, or Stopped
by StopUserImportJob. A job not started within a day Expires.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
import time

from cfn_cognito.context import Context
from cfn_cognito.errors import UnsupportedOperationException
from cfn_cognito.idp import pagination
from cfn_cognito.idp.userimport import csv_file as csv_import
from cfn_cognito.idp.userimport import worker
from cfn_cognito.idp.errors import (
    InvalidParameterException,
    PreconditionNotMetException,
    ResourceNotFoundException,
)
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.idp.userimport.worker import (
    CREATED,
    EXPIRED,
    PENDING,
    RUNNING,
    STOPPED,
)

UPLOAD_PATH = "/_cfn_cognito/import"
UPLOAD_SECONDS = 900          # [D] DG: the pre-signed URL is valid for 15 minutes
EXPIRE_SECONDS = 24 * 3600    # [D] DG: a job not started within 24-48 hours expires
_ID_CHARS = string.ascii_letters + string.digits


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get_csv_header(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    return {"UserPoolId": pool["Id"], "CSVHeader": csv_import.header(pool)}


def _presigned_url(ctx: Context, pool: dict, job_id: str, created: float, token: str) -> str:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(created))
    return (f"{ctx.settings.base_url}{UPLOAD_PATH}/{job_id}?X-Amz-Date={stamp}"
            f"&X-Amz-SignedHeaders=host%3Bx-amz-server-side-encryption"
            f"&X-Amz-Expires={UPLOAD_SECONDS - 1}&signature={token}")


def create_user_import_job(ctx: Context, req: dict) -> dict:
    if req.get("PasswordHashingAlgorithm"):
        raise UnsupportedOperationException(
            "Importing password hashes (PasswordHashingAlgorithm) is not supported by "
            "cfn-cognito: imported users have no password and must reset it.")
    role = req["CloudWatchLogsRoleArn"]
    if role.split(":")[2:3] != ["iam"] or ":role/" not in role:
        raise InvalidParameterException(  # [U] wording
            f"CloudWatchLogsRoleArn must be the ARN of an IAM role: {role}")
    pool = get_pool(ctx, req["UserPoolId"])
    job_id = "import-" + "".join(ctx.rng.choice(_ID_CHARS) for _ in range(10))
    token = secrets.token_urlsafe(32)
    now = ctx.now()
    job = {"JobName": req["JobName"], "JobId": job_id, "UserPoolId": pool["Id"],
           "PreSignedUrl": _presigned_url(ctx, pool, job_id, now, token), "CreationDate": now,
           "Status": CREATED, "CloudWatchLogsRoleArn": role,
           "ImportedUsers": 0, "SkippedUsers": 0, "FailedUsers": 0}
    with ctx.store.write():
        get_pool(ctx, pool["Id"])
        ctx.store.import_jobs.insert(pool["Id"], job_id, worker.new_doc(job, _hash(token)))
    return {"UserImportJob": job}


def _finish(doc: dict, status: str, message: str, now: float) -> None:
    job = doc["Job"]
    job["Status"] = status
    job["CompletionDate"] = now
    job["CompletionMessage"] = message
    worker.order(job)


def _current(ctx: Context, pool_id: str, job_id: str) -> dict:
    """The job's document, after what time alone changes: a job never started expires, and
    a running job whose worker is gone (a restart) is taken up again."""
    doc = ctx.store.import_jobs.get(pool_id, job_id)
    if doc is None:
        raise ResourceNotFoundException(f"Import job {job_id} does not exist.")  # [U] wording
    job = doc["Job"]
    if job["Status"] == CREATED and ctx.clock() > job["CreationDate"] + EXPIRE_SECONDS:
        with ctx.store.write():
            doc = ctx.store.import_jobs.get(pool_id, job_id)
            if doc["Job"]["Status"] == CREATED:
                _finish(doc, EXPIRED, "The user import job has expired.", ctx.now())
                ctx.store.import_jobs.replace(job_id, doc)
    elif job["Status"] in RUNNING:
        worker.revive_if_orphaned(ctx, pool_id, job_id)
    return doc


def describe_user_import_job(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    return {"UserImportJob": _current(ctx, pool["Id"], req["JobId"])["Job"]}


def list_user_import_jobs(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    before = pagination.decode(req.get("PaginationToken"))
    docs, next_before = ctx.store.import_jobs.page(pool["Id"], before, req["MaxResults"])
    jobs = [_current(ctx, pool["Id"], d["Job"]["JobId"])["Job"] for d in docs]
    result = {"UserImportJobs": jobs}
    if next_before is not None:
        result["PaginationToken"] = pagination.encode(next_before)
    return result


def start_user_import_job(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    job_id = req["JobId"]
    _current(ctx, pool["Id"], job_id)
    with ctx.store.write():
        pool = get_pool(ctx, pool["Id"])
        doc = _current(ctx, pool["Id"], job_id)
        job = doc["Job"]
        # [U] the wording of every refusal here.
        if job["Status"] != CREATED:
            raise PreconditionNotMetException(
                f"Import job {job_id} cannot be started: its status is {job['Status']}.")
        if not pool.get("AutoVerifiedAttributes"):
            raise PreconditionNotMetException(
                "The user pool must have at least one auto-verified attribute (email or "
                "phone_number) to import users.")
        if ctx.store.import_jobs.csv(job_id) is None:
            raise PreconditionNotMetException(
                f"No CSV file was uploaded to the pre-signed URL of import job {job_id}.")
        if ctx.store.import_jobs.with_status(RUNNING):
            raise PreconditionNotMetException(
                "Another user import job is running; only one can run at a time per account.")
        job["Status"] = PENDING
        job["StartDate"] = ctx.now()
        worker.order(job)
        doc["Heartbeat"] = ctx.clock()
        ctx.store.import_jobs.replace(job_id, doc)
    worker.start(ctx, pool["Id"], job_id)
    return {"UserImportJob": job}


def stop_user_import_job(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    with ctx.store.write():
        doc = _current(ctx, pool["Id"], req["JobId"])
        if doc["Job"]["Status"] not in RUNNING:
            raise PreconditionNotMetException(  # [U] wording
                f"Import job {req['JobId']} is not running: its status is {doc['Job']['Status']}.")
        # The worker checks the status in each batch's transaction: no user is imported
        # once this commits.
        _finish(doc, STOPPED, "The Import Job was stopped by the developer.", ctx.now())
        ctx.store.import_jobs.replace(req["JobId"], doc)
    return {"UserImportJob": doc["Job"]}


def accept_upload(ctx: Context, job_id: str, signature: str, encryption: str | None,
                  data: bytes) -> tuple[str, str] | None:
    """Store the CSV PUT to a job's pre-signed URL. None when stored, else the S3 error
    (code, message) to answer with."""
    with ctx.store.write():
        doc = ctx.store.import_jobs.find(job_id)
        if doc is None or not hmac.compare_digest(_hash(signature or ""), doc["UploadHash"]):
            return "AccessDenied", "Access Denied"
        if encryption != "aws:kms":
            # The URL is signed with this header, so S3 refuses a request without it.
            return ("SignatureDoesNotMatch", "The request signature we calculated does not "
                    "match the signature you provided. Check your key and signing method.")
        if ctx.clock() > doc["Job"]["CreationDate"] + UPLOAD_SECONDS:
            return "AccessDenied", "Request has expired"
        if doc["Job"]["Status"] != CREATED:
            return "AccessDenied", "Access Denied"
        if len(data) > csv_import.MAX_FILE_BYTES:
            return "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"
        ctx.store.import_jobs.put_csv(job_id, data)
    return None
