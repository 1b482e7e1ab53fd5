"""Every failure as a sentence: which message an unexpected error gets, and a reference to find its
detail in the server log (the traceback never reaches a browser or a terminal)."""

from __future__ import annotations

import errno
import logging
import secrets

import duckdb

from plantrack.i18n import t

LOG = logging.getLogger("plantrack")
# The command line's exit code when it could not run at all (0, 1 and 2 are the data's outcomes).
EXIT_FAILED = 3
# Widget errors that a crafted link causes (a value outside what the widget accepts).
_URL_ERRORS = ("StreamlitJSNumberBoundsError", "StreamlitValueBelowMinError", "StreamlitValueAboveMaxError")


def message_key(error: BaseException) -> str:
    """The catalogue key of the sentence that explains `error` to the user."""
    text = str(error).lower()
    if isinstance(error, MemoryError):
        return "fail_out_of_memory"
    if type(error).__name__ == "ViewerPasswordRequired":
        return "fail_viewer_password"
    if type(error).__name__ in _URL_ERRORS:
        return "fail_bad_url"
    if "no space left" in text or (isinstance(error, OSError) and error.errno == errno.ENOSPC):
        return "fail_disk_full"
    if "read-only" in text or "read only" in text or "readonly" in text or isinstance(error, PermissionError):
        return "fail_db_read_only"
    if isinstance(error, duckdb.Error) or isinstance(error, OSError):
        if "lock" in text:
            return "fail_db_locked"
        return "fail_db_other"
    return "fail_unexpected"


def explain(error: BaseException, lang: str = "vi", where: str = "") -> str:
    """Logs `error` with its traceback under a fresh reference and returns the user's sentence."""
    ref = secrets.token_hex(4)
    LOG.error("failure %s%s", ref, f" in {where}" if where else "", exc_info=error)
    return t(message_key(error), lang, ref=ref)


def for_terminal(error: BaseException, lang: str = "vi") -> str:
    """The sentence, and the error's type and first line instead of a traceback."""
    first = (str(error).strip().splitlines() or [""])[0][:300]
    return t(message_key(error), lang, ref=type(error).__name__) + f"\n({type(error).__name__}: {first})"
