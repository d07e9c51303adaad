"""The outbox: emails waiting for their SMTP server, sent off the request path.

One background thread per SMTP server, started by the first email, sends in the order the
emails were posted. A failed send is logged with its reason and tried again later (after 2,
10 and 30 seconds) unless trying again is pointless; an email that cannot be sent is given
up, never raised to anyone: the user's message is in the dev inbox whatever happens here.
`stop_all()` ends the threads at shutdown; what is still waiting then is logged and dropped.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Callable

from cfn_cognito.mail import smtp
from cfn_cognito.mail.smtp import SendFailure, SmtpServer

LOG = logging.getLogger("cfn_cognito.mail")

RETRY_DELAYS = (2.0, 10.0, 30.0)  # seconds before each further try
STOP_WAIT_SECONDS = 5.0


@dataclass(order=True)
class _Letter:
    due: float
    seq: int
    message: EmailMessage = field(compare=False)
    attempt: int = field(default=1, compare=False)

    def describe(self) -> str:
        return f"Email {self.message['Subject']!r} to {self.message['To']}"


class Outbox:
    """Emails for one SMTP server and the thread that sends them."""

    def __init__(self, server: SmtpServer, *,
                 send: Callable[[SmtpServer, EmailMessage], None] = smtp.send,
                 retry_delays: tuple[float, ...] = RETRY_DELAYS,
                 clock: Callable[[], float] = time.monotonic):
        self.server = server
        self._send = send
        self._delays = retry_delays
        self._clock = clock
        self._waiting: list[_Letter] = []  # a heap, soonest due first
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False

    def post(self, message: EmailMessage) -> None:
        """Queue a message and return at once."""
        with self._cond:
            if self._stopping:
                LOG.warning("Email %r to %s not sent: shutting down", message["Subject"],
                            message["To"])
                return
            heapq.heappush(self._waiting, _Letter(self._clock(), next(self._seq), message))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name=f"smtp-{self.server.address}")
                self._thread.start()
            self._cond.notify()

    def pending(self) -> int:
        with self._cond:
            return len(self._waiting)

    def stop(self, wait: float = STOP_WAIT_SECONDS) -> None:
        """End the thread (after the send under way, if any); drop what still waits."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(wait)
        with self._cond:
            if self._waiting:
                LOG.warning("%d email(s) not sent through %s at shutdown (they are in the inbox)",
                            len(self._waiting), self.server.address)
                self._waiting.clear()

    def _next(self) -> _Letter | None:
        """The next letter when it is due, or None when stopping."""
        with self._cond:
            while not self._stopping:
                if self._waiting:
                    wait = self._waiting[0].due - self._clock()
                    if wait <= 0:
                        return heapq.heappop(self._waiting)
                    self._cond.wait(wait)
                else:
                    self._cond.wait()
            return None

    def _run(self) -> None:
        while (letter := self._next()) is not None:
            try:
                self._send(self.server, letter.message)
            except SendFailure as failure:
                self._failed(letter, failure)
            except Exception:  # a bug here must not end the thread nor lose later emails
                LOG.exception("%s not sent", letter.describe())
            else:
                LOG.info("%s sent through %s", letter.describe(), self.server.address)

    def _failed(self, letter: _Letter, failure: SendFailure) -> None:
        tries = len(self._delays) + 1
        if failure.permanent or letter.attempt >= tries:
            LOG.error("%s not sent, giving up after attempt %d: %s (the message is in the "
                      "inbox)", letter.describe(), letter.attempt, failure.reason)
            return
        delay = self._delays[letter.attempt - 1]
        LOG.warning("%s not sent (attempt %d of %d): %s; trying again in %g s",
                    letter.describe(), letter.attempt, tries, failure.reason, delay)
        with self._cond:
            letter.due = self._clock() + delay
            letter.attempt += 1
            heapq.heappush(self._waiting, letter)


_outboxes: dict[SmtpServer, Outbox] = {}
_lock = threading.Lock()


def outbox_for(server: SmtpServer) -> Outbox:
    """The process's outbox for this server (made on first use)."""
    with _lock:
        box = _outboxes.get(server)
        if box is None:
            box = _outboxes[server] = Outbox(server)
            LOG.info("Emails go out through SMTP %s (%s%s)", server.address,
                     "implicit TLS" if server.implicit_tls else "STARTTLS when offered",
                     f", as {server.user}" if server.user else "")
        return box


def stop_all(wait: float = STOP_WAIT_SECONDS) -> None:
    with _lock:
        boxes = list(_outboxes.values())
        _outboxes.clear()
    for box in boxes:
        box.stop(wait)
