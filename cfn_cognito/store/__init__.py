"""The only code that speaks SQL. `open_store(path)` gives the Store the services use."""

from cfn_cognito.store.db import DatabaseUnavailable
from cfn_cognito.store.store import Store, open_store

__all__ = ["DatabaseUnavailable", "Store", "open_store"]
