"""Terms documents of app clients: Create/Describe/DescribeByClient/List/Update/DeleteTerms.

Each app client can have one terms-of-use and one privacy-policy document: links by
managed-login language. Stored and returned with AWS's checks.
"""

from __future__ import annotations

import copy
from urllib.parse import urlsplit

from cfn_cognito.context import Context
from cfn_cognito.idp import pagination
from cfn_cognito.idp.appclients.clients import get_client
from cfn_cognito.idp.errors import (
    InvalidParameterException,
    ResourceNotFoundException,
    TermsExistsException,
)
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.idp.issuer.tokens import new_uuid

_LISTED = ("TermsId", "TermsName", "Enforcement", "CreationDate", "LastModifiedDate")


def _check_links(links: dict) -> None:
    for language, url in links.items():
        parts = urlsplit(url)
        if parts.scheme not in ("https", "http") or not parts.netloc:
            raise InvalidParameterException(  # [U] wording
                f"The link for {language} is not a valid URL: {url}")


def _taken(ctx: Context, pool_id: str, client_id: str, name: str, other_than: str = "") -> bool:
    return any(t["ClientId"] == client_id and t["TermsName"] == name and t["TermsId"] != other_than
               for t in ctx.store.terms.all(pool_id))


def _exists(client_id: str, name: str) -> TermsExistsException:
    return TermsExistsException(  # [U] wording
        f"Terms {name} already exist for client {client_id}.")


def _get(ctx: Context, pool_id: str, terms_id: str) -> dict:
    terms = ctx.store.terms.get(pool_id, terms_id)
    if terms is None:
        raise ResourceNotFoundException(f"Terms {terms_id} does not exist.")  # [U] wording
    return terms


def create_terms(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        client = get_client(ctx, pool["Id"], req["ClientId"])
        links = req.get("Links") or {}
        if not links:
            raise InvalidParameterException("Links must contain at least one link.")  # [U]
        _check_links(links)
        if _taken(ctx, pool["Id"], client["ClientId"], req["TermsName"]):
            raise _exists(client["ClientId"], req["TermsName"])
        now = ctx.now()
        terms = {"TermsId": new_uuid(ctx), "UserPoolId": pool["Id"],
                 "ClientId": client["ClientId"], "TermsName": req["TermsName"],
                 "TermsSource": req["TermsSource"], "Enforcement": req["Enforcement"],
                 "Links": copy.deepcopy(links), "CreationDate": now, "LastModifiedDate": now}
        ctx.store.terms.insert(pool["Id"], terms["TermsId"], terms)
    return {"Terms": terms}


def describe_terms(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    return {"Terms": _get(ctx, pool["Id"], req["TermsId"])}


def describe_terms_by_client(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    client = get_client(ctx, pool["Id"], req["ClientId"])
    for terms in ctx.store.terms.all(pool["Id"]):
        if terms["ClientId"] == client["ClientId"] and terms["TermsName"] == req["TermsName"]:
            return {"Terms": terms}
    raise ResourceNotFoundException(  # [U] wording
        f"Terms {req['TermsName']} do not exist for client {client['ClientId']}.")


def list_terms(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    after = pagination.decode(req.get("NextToken"))
    found, next_after = ctx.store.terms.page(pool["Id"], after, req.get("MaxResults") or 60)
    result = {"Terms": [{key: t[key] for key in _LISTED} for t in found]}
    if next_after is not None:
        result["NextToken"] = pagination.encode(next_after)
    return result


def update_terms(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        terms = _get(ctx, pool["Id"], req["TermsId"])
        name = req.get("TermsName") or terms["TermsName"]
        if _taken(ctx, pool["Id"], terms["ClientId"], name, other_than=terms["TermsId"]):
            raise _exists(terms["ClientId"], name)
        if req.get("Links"):
            _check_links(req["Links"])
            terms["Links"] = copy.deepcopy(req["Links"])
        terms["TermsName"] = name
        for member in ("TermsSource", "Enforcement"):
            if req.get(member):
                terms[member] = req[member]
        terms["LastModifiedDate"] = ctx.now()
        ctx.store.terms.replace(pool["Id"], terms["TermsId"], terms)
    return {"Terms": terms}


def delete_terms(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        _get(ctx, pool["Id"], req["TermsId"])
        ctx.store.terms.delete(pool["Id"], req["TermsId"])
    return {}
