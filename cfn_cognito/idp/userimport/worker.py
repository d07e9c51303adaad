"""The background import of a started user import job.

Rows are imported in batches, each one write transaction that also records the job's
counts, the last line done and a heartbeat; so a job survives a restart (it is taken up
again from the next line by the first Describe/List that finds its heartbeat stale), and a
StopUserImportJob that commits between two batches stops it. Imported users are
RESET_REQUIRED with no password: nothing is hashed, so 1,000 users take well under a
second. Each row that cannot be imported is counted (FailedUsers, or SkippedUsers for a
username that exists already) and logged with its line number, as AWS logs it to
CloudWatch.
"""

from __future__ import annotations

import copy
import logging
import threading

from cfn_cognito.context import Context
from cfn_cognito.errors import AwsError
from cfn_cognito.idp.userimport import csv_file as csv_import
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import UsernameExistsException

LOG = logging.getLogger(__name__)

CREATED, PENDING, IN_PROGRESS = "Created", "Pending", "InProgress"
EXPIRED, STOPPED, FAILED, SUCCEEDED = "Expired", "Stopped", "Failed", "Succeeded"
RUNNING = (PENDING, IN_PROGRESS)
BATCH_ROWS = 250
STALE_SECONDS = 30.0  # a running job whose heartbeat is older has lost its worker
_JOB_ORDER = ("JobName", "JobId", "UserPoolId", "PreSignedUrl", "CreationDate", "StartDate",
              "CompletionDate", "Status", "CloudWatchLogsRoleArn", "ImportedUsers",
              "SkippedUsers", "FailedUsers", "CompletionMessage")
# SMS MFA as a user with cognito:mfa_enabled true has it (AdminGetUser's members).
_SMS_MFA = {"MFAOptions": [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}],
            "UserMFASettingList": ["SMS_MFA"]}


def new_doc(job: dict, upload_hash: str) -> dict:
    """The stored document of a new job: its UserImportJobType and the worker's state."""
    return {"Job": job, "UploadHash": upload_hash, "LineDone": 1, "Heartbeat": 0.0}


def order(job: dict) -> None:
    """Put the job's members in the order AWS lists them (in place)."""
    ordered = {key: job[key] for key in _JOB_ORDER if key in job}
    job.clear()
    job.update(ordered)


def start(ctx: Context, pool_id: str, job_id: str) -> None:
    threading.Thread(target=run, args=(ctx, pool_id, job_id), daemon=True,
                     name=f"user-import-{job_id}").start()


def revive_if_orphaned(ctx: Context, pool_id: str, job_id: str) -> None:
    """Take up a running job whose worker died (its heartbeat is stale)."""
    with ctx.store.write():
        doc = ctx.store.import_jobs.get(pool_id, job_id)
        if doc is None or doc["Job"]["Status"] not in RUNNING \
                or ctx.clock() - doc["Heartbeat"] < STALE_SECONDS:
            return
        doc["Heartbeat"] = ctx.clock()  # claimed: no other caller revives it too
        ctx.store.import_jobs.replace(job_id, doc)
    LOG.info("user import %s: taking up the job again after line %s", job_id, doc["LineDone"])
    start(ctx, pool_id, job_id)


def run(ctx: Context, pool_id: str, job_id: str) -> None:
    try:
        _run(ctx, pool_id, job_id)
    except Exception:  # noqa: BLE001 -- a bug must end the job, not leave it running
        LOG.exception("user import %s failed", job_id)
        _end(ctx, pool_id, job_id, FAILED, "The import job failed with an internal error.")


def _run(ctx: Context, pool_id: str, job_id: str) -> None:
    pool = ctx.store.pools.get("", pool_id)
    data = ctx.store.import_jobs.csv(job_id)
    if pool is None or data is None:
        return
    try:
        columns, rows = csv_import.read(pool, data)
        batch = []
        for number, values in rows:
            batch.append((number, values))
            if len(batch) == BATCH_ROWS:
                if not _import_batch(ctx, pool_id, job_id, columns, batch):
                    return
                batch = []
        if batch and not _import_batch(ctx, pool_id, job_id, columns, batch):
            return
    except csv_import.FileProblem as problem:
        LOG.warning("user import %s: %s", job_id, problem)
        _end(ctx, pool_id, job_id, FAILED, str(problem))
        return
    _end(ctx, pool_id, job_id, None, None)


def _end(ctx: Context, pool_id: str, job_id: str, status: str | None, message: str | None):
    """Finish a running job: with `status`, or (None) by its counts."""
    with ctx.store.write():
        doc = ctx.store.import_jobs.get(pool_id, job_id)
        if doc is None or doc["Job"]["Status"] not in RUNNING:
            return
        job = doc["Job"]
        if status is None:
            if job["ImportedUsers"] == 0 and job["FailedUsers"] + job["SkippedUsers"] > 0:
                # [U] when AWS fails a job: its samples fail with no user imported.
                status, message = (FAILED, "Too many users have failed or been skipped "
                                             "during the import.")
            else:
                status, message = SUCCEEDED, "Import Job Completed Successfully."
        job.update(Status=status, CompletionDate=ctx.now(), CompletionMessage=message)
        order(job)
        ctx.store.import_jobs.replace(job_id, doc)
    LOG.info("user import %s %s: %s imported, %s skipped, %s failed", job_id, status,
             job["ImportedUsers"], job["SkippedUsers"], job["FailedUsers"])


def _import_batch(ctx: Context, pool_id: str, job_id: str, columns: list[str],
                  batch: list) -> bool:
    """Import rows not done yet in one transaction; False when the job must not go on."""
    with ctx.store.write():
        doc = ctx.store.import_jobs.get(pool_id, job_id)
        pool = ctx.store.pools.get("", pool_id)
        if doc is None or pool is None or doc["Job"]["Status"] not in RUNNING:
            return False
        job = doc["Job"]
        job["Status"] = IN_PROGRESS
        for number, values in batch:
            if number > doc["LineDone"]:
                job[_import_row(ctx, pool, job_id, columns, number, values)] += 1
        doc["LineDone"] = max(doc["LineDone"], batch[-1][0])
        doc["Heartbeat"] = ctx.clock()
        ctx.store.import_jobs.replace(job_id, doc)
    return True


def _import_row(ctx: Context, pool: dict, job_id: str, columns: list[str], number: int,
                values) -> str:
    """Import one row; the job counter it adds to."""
    try:
        planned = csv_import.plan(pool, columns, values, ctx.rng)
        user = users.new_user(ctx, pool, planned.username, users.RESET_REQUIRED,
                              planned.attributes)
        if planned.mfa_enabled:
            user.doc.update(copy.deepcopy(_SMS_MFA))
        with ctx.store.import_jobs.savepoint():
            users.insert(ctx, pool, user, exists_message="User already exists")
    except UsernameExistsException:
        LOG.warning("user import %s, line %s: skipped: the user exists already", job_id, number)
        return "SkippedUsers"
    except (csv_import.RowProblem, AwsError) as problem:
        reason = problem.message if isinstance(problem, AwsError) else str(problem)
        LOG.warning("user import %s, line %s: failed: %s", job_id, number, reason)
        return "FailedUsers"
    return "ImportedUsers"
