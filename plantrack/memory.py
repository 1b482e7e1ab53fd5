"""Giving memory back after a large upload: the frames of a preview are dropped, then the allocator
is asked to return the freed pages to the system (glibc keeps them otherwise, and the server's
resident size stays at its peak)."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def release() -> None:
    gc.collect()
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the memory is reused by the process, only not returned
