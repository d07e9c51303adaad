"""The Store: the database plus one accessor per kind of thing kept in it."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

from cfn_cognito.store import private
from cfn_cognito.store.auth_events import AuthEvents
from cfn_cognito.store.auth_sessions import AuthSessions
from cfn_cognito.store.change_sets import ChangeSets
from cfn_cognito.store.codes import Codes
from cfn_cognito.store.db import DB_FILE, Database, open_database
from cfn_cognito.store.devices import Devices
from cfn_cognito.store.documents import Documents
from cfn_cognito.store.functions import Functions
from cfn_cognito.store.gateway import GatewayStore
from cfn_cognito.store.identity import IdentityStore
from cfn_cognito.store.import_jobs import ImportJobs
from cfn_cognito.store.keys import SigningKeys
from cfn_cognito.store.memberships import Memberships
from cfn_cognito.store.messages import Messages
from cfn_cognito.store.oauth import OAuth
from cfn_cognito.store.provider_links import ProviderLinks
from cfn_cognito.store.stacks import Stacks
from cfn_cognito.store.tokens import Tokens
from cfn_cognito.store.user_sessions import UserSessions
from cfn_cognito.store.users import Users
from cfn_cognito.store.webauthn_credentials import WebAuthnCredentials

# Tables whose rows belong to a pool (scope = pool id), emptied when the pool is deleted.
POOL_SCOPED = ("clients", "domains", "groups", "resource_servers")
# Pool settings kept as documents the same way (migration 0010), each a Store attribute.
POOL_SETTINGS = ("identity_providers", "ui_customizations", "risk_configurations",
                 "log_delivery_configurations", "managed_login_brandings", "terms",
                 "client_secrets", "saml_certificates", "mfa_configs",
                 "session_configurations")


def instance_id() -> str:
    """This process as an owner of work in progress: host, process id and a random part (a
    process id can come back after a restart)."""
    return f"{socket.gethostname()}|{os.getpid()}|{uuid.uuid4().hex[:12]}"


class Store:
    def __init__(self, db: Database, data_dir: str | Path):
        self.db = db
        self._data_dir = Path(data_dir)
        self.instance = instance_id()
        self.pools = Documents(db, "pools")
        self.clients = Documents(db, "clients")
        self.domains = Documents(db, "domains")
        self.groups = Documents(db, "groups")
        self.resource_servers = Documents(db, "resource_servers")
        self.users = Users(db)
        self.memberships = Memberships(db)
        self.codes = Codes(db)
        self.messages = Messages(db)
        self.keys = SigningKeys(db)
        self.tokens = Tokens(db)
        self.auth_sessions = AuthSessions(db)
        self.oauth = OAuth(db)
        self.stacks = Stacks(db, self.instance)
        self.change_sets = ChangeSets(db)
        self.functions = Functions(db)
        self.identity = IdentityStore(db)
        for table in POOL_SETTINGS:
            setattr(self, table, Documents(db, table))
        self.import_jobs = ImportJobs(db)
        self.auth_events = AuthEvents(db)
        self.provider_links = ProviderLinks(db)
        self.gateway = GatewayStore(db)
        self.devices = Devices(db)
        self.user_sessions = UserSessions(db)
        self.webauthn_credentials = WebAuthnCredentials(db)
        self.ssm_parameters = Documents(db, "ssm_parameters")    # cfn_cognito/ssm/

    @property
    def data_dir(self) -> Path:
        """This instance's directory: the SQLite database when there is no other, and the
        files unpacked from the database (function code)."""
        return self._data_dir

    def write(self):
        """A transaction holding the write lock (see Database.write)."""
        return self.db.write()

    def delete_pool(self, pool_id: str) -> None:
        with self.db.write():
            for table in POOL_SCOPED + POOL_SETTINGS:
                self.db.execute(f"DELETE FROM {table} WHERE scope=?", (pool_id,))
            for accessor in (self.import_jobs, self.auth_events, self.provider_links,
                             self.devices, self.user_sessions, self.webauthn_credentials):
                accessor.delete_pool(pool_id)
            self.users.delete_pool(pool_id)
            self.keys.delete_pool(pool_id)
            self.tokens.delete_pool(pool_id)
            self.auth_sessions.delete_pool(pool_id)
            self.oauth.delete_pool(pool_id)
            self.pools.delete("", pool_id)

    def reset(self) -> None:
        """Empty every table (the schema stays)."""
        with self.db.write():
            for table in self.db.tables():
                self.db.execute(f"DELETE FROM {table}")
        self.keys.forget_all()
        self.identity.forget_all()

    def close(self) -> None:
        self.db.close()


def open_store(data_dir: str | Path, database_url: str = "") -> Store:
    """The store in `data_dir` (SQLite), or on the database of `database_url` (PostgreSQL)
    with `data_dir` for this instance's files. Migrates the database first. The data
    directory is created 0700, SQLite's database 0600 (store/private.py); SQLite gives the
    -wal and -shm files it creates the database file's mode."""
    path = Path(data_dir).absolute()   # a worker's cwd is elsewhere: no relative paths
    private.make_dir(path, warn=True)
    if not database_url:
        for suffix in ("-wal", "-shm", "-journal"):
            private.tighten(path / (DB_FILE + suffix))
        private.make_file(path / DB_FILE)
    db = open_database(path, database_url)
    try:
        db.migrate()
    except BaseException:
        db.close()
        raise
    return Store(db, path)
