"""Who settles a stack in progress: only an instance that finds its owner dead."""

import os
import socket
import subprocess
import sys

from cfn_cognito.cfn.keeper import STALE_SECONDS, owner_dead

NOW = 1_000_000.0
ME = f"{socket.gethostname()}|{os.getpid()}|aaaaaaaaaaaa"


def test_an_instance_never_settles_its_own_work():
    assert not owner_dead(ME, 0.0, NOW, ME)


def test_a_live_owner_on_another_host_keeps_its_stack_until_its_heartbeat_is_stale():
    other = "elsewhere|4242|bbbbbbbbbbbb"
    assert not owner_dead(other, NOW - STALE_SECONDS + 1, NOW, ME)
    assert owner_dead(other, NOW - STALE_SECONDS - 1, NOW, ME)


def test_a_dead_process_of_this_host_is_dead_at_once():
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    assert owner_dead(f"{socket.gethostname()}|{gone}|cccccccccccc", NOW, NOW, ME)
    # A live process of this host (the test's parent) is not.
    assert not owner_dead(f"{socket.gethostname()}|{os.getppid()}|dddddddddddd", NOW, NOW, ME)


def test_an_earlier_instance_in_this_process_and_a_stack_without_owner_are_dead():
    assert owner_dead(f"{socket.gethostname()}|{os.getpid()}|eeeeeeeeeeee", NOW, NOW, ME)
    assert owner_dead("", NOW, NOW, ME)
