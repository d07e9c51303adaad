"""External IdP identities linked to users of a pool (AdminLinkProviderForUser)."""

from __future__ import annotations

from dataclasses import dataclass

from cfn_cognito.store.db import Database, IntegrityError


@dataclass(frozen=True)
class Link:
    provider_name: str
    attribute_name: str
    attribute_value: str
    sub: str
    created: float


_COLUMNS = "provider_name, attribute_name, attribute_value, sub, created"


class LinkTaken(Exception):
    """The identity is linked to a user already."""


class ProviderLinks:
    def __init__(self, db: Database):
        self.db = db

    def add(self, pool_id: str, link: Link) -> None:
        try:
            self.db.execute(
                f"INSERT INTO provider_links(pool_id, {_COLUMNS}) VALUES (?,?,?,?,?,?)",
                (pool_id, link.provider_name, link.attribute_name, link.attribute_value,
                 link.sub, link.created))
        except IntegrityError:
            raise LinkTaken(link.attribute_value) from None

    def find(self, pool_id: str, provider_name: str, attribute_name: str,
             attribute_value: str) -> Link | None:
        row = self.db.one(
            f"SELECT {_COLUMNS} FROM provider_links WHERE pool_id=? AND provider_name=? "
            "AND attribute_name=? AND attribute_value=?",
            (pool_id, provider_name, attribute_name, attribute_value))
        return Link(*row) if row else None

    def of_user(self, pool_id: str, sub: str) -> list[Link]:
        rows = self.db.query(f"SELECT {_COLUMNS} FROM provider_links WHERE pool_id=? AND sub=? "
                             "ORDER BY created", (pool_id, sub))
        return [Link(*row) for row in rows]

    def remove(self, pool_id: str, link: Link) -> None:
        self.db.execute(
            "DELETE FROM provider_links WHERE pool_id=? AND provider_name=? AND attribute_name=? "
            "AND attribute_value=?",
            (pool_id, link.provider_name, link.attribute_name, link.attribute_value))

    def remove_provider(self, pool_id: str, provider_name: str) -> list[str]:
        """Drop every link to this provider; the subs of the users who had one."""
        subs = [r[0] for r in self.db.query(
            "SELECT DISTINCT sub FROM provider_links WHERE pool_id=? AND provider_name=?",
            (pool_id, provider_name))]
        self.db.execute("DELETE FROM provider_links WHERE pool_id=? AND provider_name=?",
                        (pool_id, provider_name))
        return subs

    def delete_pool(self, pool_id: str) -> None:
        self.db.execute("DELETE FROM provider_links WHERE pool_id=?", (pool_id,))
