"""Work run on a second core while the request's thread does other work.

OpenSSL's RSA signing releases the GIL, so on a machine with a spare core a sign-in signs
its two tokens at once (about 1 ms each on the bench machine). Shorter work does not gain:
handing PBKDF2 (0.4 ms) to another thread while computing the SRP verifier measured slower
than doing both in turn. Two threads: what one request needs, no more.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

_pool: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def start(function, *args) -> Future:
    """`function(*args)` begun on a helper thread; `.result()` waits for it."""
    global _pool
    if _pool is None:
        with _lock:
            if _pool is None:
                _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="beside")
    return _pool.submit(function, *args)
