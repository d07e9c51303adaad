"""The user import CSV, with AWS's rules: the header GetCSVHeader gives, and what each row
must hold. Pure logic: no store, no clock.

[D] DG cognito-user-pools-using-import-tool-csv-header:
- the first row is the header; every column of GetCSVHeader must be there, in any order;
- values are not quoted; a comma inside a value is written `\\,`; values are trimmed;
- `cognito:username` is required, unique, with no spaces or tabs; `cognito:mfa_enabled` is
  required: true for all users when MFA is ON, false when OFF, either when OPTIONAL;
- email (phone_number) is required when email_verified (phone_number_verified) is true, and
  at least one of the pool's auto-verified attributes must be verified for each user;
- the pool's required attributes; birthdate as mm/dd/yyyy; updated_at as epoch seconds;
- UTF-8; rows up to 16,000 characters; at most 500,000 users; files up to 100 MB.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Iterator

from cfn_cognito.errors import AwsError
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.accounts import users

USERNAME = "cognito:username"
MFA_ENABLED = "cognito:mfa_enabled"
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROW_CHARS = 16_000
MAX_USERS = 500_000

_BIRTHDATE = re.compile(r"(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/[0-9]{4}")
_BOOLEAN = {"true": True, "false": False}


class FileProblem(Exception):
    """The file as a whole cannot be imported (the job fails)."""


class RowProblem(Exception):
    """One row cannot be imported (the user is counted as failed)."""


@dataclass
class PlannedUser:
    username: str                 # as stored (a new UUID in UsernameAttributes pools)
    attributes: dict[str, str]
    mfa_enabled: bool


def header(pool: dict) -> list[str]:
    """The CSVHeader of GetCSVHeader: the pool's attributes, then the two cognito: columns."""
    names = [a["Name"] for a in pool.get("SchemaAttributes", []) if a["Name"] != "sub"]
    return names + [MFA_ENABLED, USERNAME]


def read(pool: dict, data: bytes) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """(the header's columns, the rows as (line number, values)). FileProblem when the file
    is too big, not UTF-8 or has a header AWS would refuse."""
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem("The CSV file is larger than 100 MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem("The CSV file is not UTF-8.") from None
    lines = io.StringIO(text, newline="")
    first = lines.readline().rstrip("\r\n")
    columns = [c.strip() for c in next(_reader(first), [])]
    expected = header(pool)
    missing = [c for c in expected if c not in columns]
    unknown = [c for c in columns if c not in expected]
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if missing or unknown or duplicated:
        parts = []
        if missing:
            parts.append("missing columns " + ", ".join(missing))
        if unknown:
            parts.append("unknown columns " + ", ".join(unknown))
        if duplicated:
            parts.append("repeated columns " + ", ".join(duplicated))
        raise FileProblem("The CSV header is invalid: " + "; ".join(parts) + ".")
    return columns, _rows(lines)


def _reader(line: str):
    return csv.reader([line], escapechar="\\", quoting=csv.QUOTE_NONE, strict=False)


def _rows(lines) -> Iterator[tuple[int, list[str]]]:
    count = 0
    for number, line in enumerate(lines, start=2):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        count += 1
        if count > MAX_USERS:
            raise FileProblem(f"The CSV file has more than {MAX_USERS} users.")
        if len(line) > MAX_ROW_CHARS:
            yield number, None
            continue
        yield number, next(_reader(line), [])


def plan(pool: dict, columns: list[str], values: list[str] | None, rng) -> PlannedUser:
    """The user a row stands for, checked; RowProblem saying why it cannot be imported."""
    if values is None:
        raise RowProblem(f"The row is longer than {MAX_ROW_CHARS} characters.")
    if len(values) != len(columns):
        raise RowProblem(f"The row has {len(values)} values; the header has {len(columns)} "
                         "columns.")
    row = {name: value.strip() for name, value in zip(columns, values)}
    given = row.pop(USERNAME)
    if not given:
        raise RowProblem(f"{USERNAME} is required.")
    if any(c in given for c in " \t"):
        raise RowProblem(f"{USERNAME} cannot contain spaces or tabs.")
    mfa = _mfa(pool, row.pop(MFA_ENABLED))
    row = {name: value for name, value in row.items() if value}
    try:
        checked = attributes.parse(pool, [{"Name": n, "Value": v} for n, v in row.items()])
        username, implied = users.plan_username(pool, given, rng)
    except AwsError as err:
        raise RowProblem(err.message) from None
    for name, value in implied.items():
        if checked.setdefault(name, value) != value:
            raise RowProblem(f"{USERNAME} {given} differs from the user's {name}.")
    _check_verification(pool, checked)
    if "birthdate" in checked and not _BIRTHDATE.fullmatch(checked["birthdate"]):
        raise RowProblem("birthdate must be in the format mm/dd/yyyy.")
    try:
        attributes.check_required(pool, checked)
    except AwsError as err:
        raise RowProblem(err.message) from None
    return PlannedUser(username, checked, mfa)


def _mfa(pool: dict, value: str) -> bool:
    enabled = _BOOLEAN.get(value.lower())
    if enabled is None:
        raise RowProblem(f"{MFA_ENABLED} must be true or false.")
    setting = pool.get("MfaConfiguration", "OFF")
    if setting == "ON" and not enabled:
        raise RowProblem(f"{MFA_ENABLED} must be true: MFA is required in this user pool.")
    if setting == "OFF" and enabled:
        raise RowProblem(f"{MFA_ENABLED} must be false: MFA is off in this user pool.")
    return enabled


def _check_verification(pool: dict, values: dict[str, str]) -> None:
    for contact, flag in attributes.VERIFIED_FLAG.items():
        if values.get(flag) == "true" and not values.get(contact):
            raise RowProblem(f"{contact} is required when {flag} is true.")
    auto = pool.get("AutoVerifiedAttributes") or []
    if auto and not any(values.get(attributes.VERIFIED_FLAG[c]) == "true" for c in auto):
        flags = " or ".join(attributes.VERIFIED_FLAG[c] for c in auto)
        raise RowProblem(f"{flags} must be true: users are imported with a verified address.")
