"""A mixed write load from several client threads, and the ledger of what it was told.

Each writer thread owns its names (no two threads write the same thing), so after a crash
every write the server acknowledged (a 200) can be looked for, one by one. A write whose
answer never came (the server died first) may or may not be there: it is `unsure`.
"""

from __future__ import annotations

import collections
import itertools
import threading
from dataclasses import dataclass, field

import requests

import hardening_wire as wire

PASSWORD = "Durable-Passw0rd!"


@dataclass
class Ledger:
    acknowledged: list[tuple] = field(default_factory=list)
    unsure: list[tuple] = field(default_factory=list)
    refused: collections.Counter = field(default_factory=collections.Counter)
    # The last nickname value acknowledged (and the one in flight) per owner user.
    nickname: dict[str, tuple[int, int]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def merge(self, other: "Ledger") -> None:
        self.acknowledged += other.acknowledged
        self.unsure += other.unsure
        self.refused.update(other.refused)
        self.nickname.update(other.nickname)


class Writer(threading.Thread):
    """One client: creates users, groups and memberships, signs users up and rewrites one
    attribute of its own user, round after round, until told to stop."""

    def __init__(self, urls: list[str], pool_id: str, client_id: str, name: str,
                 stop: threading.Event):
        super().__init__(daemon=True)
        self.urls, self.pool_id, self.client_id, self.name = urls, pool_id, client_id, name
        self.stop = stop
        self.ledger = Ledger()
        self.http = requests.Session()
        self.owner = f"{name}-owner"

    def call(self, n: int, operation: str, body: dict) -> wire.Answer | None:
        url = self.urls[n % len(self.urls)]
        try:
            answer = wire.call(self.http, url, "cognito-idp", operation, body)
        except requests.RequestException:
            return None
        if answer.status >= 500:
            self.ledger.refused[f"{operation}: {answer.status} {answer.message}"] += 1
        return answer

    def write(self, n: int, kind: str, key: tuple, operation: str, body: dict) -> bool:
        if self.stop.is_set():
            return False
        answer = self.call(n, operation, body)
        if answer is None:
            # No answer: the server is gone (killed). This write may or may not have landed.
            self.ledger.unsure.append((kind, *key))
            self.stop.set()
            return False
        if answer.status == 200:
            self.ledger.acknowledged.append((kind, *key))
            return True
        self.ledger.refused[f"{operation}: {answer.error_type}"] += 1
        return False

    def run(self) -> None:
        pool = self.pool_id
        if not self.write(0, "user", (self.owner,), "AdminCreateUser", {
                "UserPoolId": pool, "Username": self.owner, "MessageAction": "SUPPRESS"}):
            return
        for n in itertools.count(1):
            if self.stop.is_set():
                return
            user, group = f"{self.name}-u{n}", f"{self.name}-g{n}"
            self.write(n, "user", (user,), "AdminCreateUser", {
                "UserPoolId": pool, "Username": user, "MessageAction": "SUPPRESS",
                "UserAttributes": [{"Name": "email", "Value": f"{user}@example.com"}]})
            self.write(n, "group", (group,), "CreateGroup", {"UserPoolId": pool,
                                                             "GroupName": group})
            self.write(n, "member", (user, group), "AdminAddUserToGroup", {
                "UserPoolId": pool, "Username": user, "GroupName": group})
            self.write(n, "user", (f"{self.name}-s{n}",), "SignUp", {
                "ClientId": self.client_id, "Username": f"{self.name}-s{n}",
                "Password": PASSWORD})
            last = self.ledger.nickname.get(self.owner, (0, 0))[0]
            self.ledger.nickname[self.owner] = (last, n)
            if self.write(n, "nickname", (self.owner, n), "AdminUpdateUserAttributes", {
                    "UserPoolId": pool, "Username": self.owner,
                    "UserAttributes": [{"Name": "nickname", "Value": str(n)}]}):
                self.ledger.nickname[self.owner] = (n, n)


def run_load(urls: list[str], pool_id: str, client_id: str, writers: int,
             stop: threading.Event, prefix: str = "w") -> list[Writer]:
    threads = [Writer(urls, pool_id, client_id, f"{prefix}{i}", stop) for i in range(writers)]
    for t in threads:
        t.start()
    return threads


def missing(url: str, pool_id: str, ledger: Ledger) -> list[tuple]:
    """Acknowledged writes the server at `url` does not have."""
    http = requests.Session()
    lost = []

    def ask(operation, body):
        return wire.call(http, url, "cognito-idp", operation, body)

    for write in ledger.acknowledged:
        kind = write[0]
        if kind == "user":
            found = ask("AdminGetUser", {"UserPoolId": pool_id, "Username": write[1]}).status == 200
        elif kind == "group":
            found = ask("GetGroup", {"UserPoolId": pool_id, "GroupName": write[1]}).status == 200
        elif kind == "member":
            answer = ask("AdminListGroupsForUser", {"UserPoolId": pool_id, "Username": write[1]})
            found = answer.status == 200 and write[2] in [g["GroupName"]
                                                          for g in answer.json()["Groups"]]
        else:
            continue    # nicknames: checked below, as a last value
        if not found:
            lost.append(write)
    for owner, (acked, in_flight) in ledger.nickname.items():
        answer = ask("AdminGetUser", {"UserPoolId": pool_id, "Username": owner})
        values = {a["Name"]: a["Value"] for a in answer.json().get("UserAttributes", [])}
        value = int(values.get("nickname", "0"))
        if not acked <= value <= in_flight:
            lost.append(("nickname", owner, f"acknowledged {acked}, found {value}"))
    return lost
