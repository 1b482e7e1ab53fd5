"""Loaded by a test's server through PYTHONPATH: records every address the process connects to or
looks up, so a test can check that nothing leaves the machine."""

import os
import sys

_LOG = os.environ.get("PLANTRACK_TEST_NET_LOG")


def _record(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto") and _LOG:
        with open(_LOG, "a", encoding="utf-8") as handle:
            handle.write(f"{event} {args[1] if event != 'socket.getaddrinfo' else args[0]!r}\n")


if _LOG:
    # A first line, so a test can tell the hook was there even if nothing connected.
    with open(_LOG, "a", encoding="utf-8") as handle:
        handle.write(f"watching {os.getpid()}\n")
    sys.addaudithook(_record)
