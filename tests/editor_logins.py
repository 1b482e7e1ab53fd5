"""What the login tests share: an editor's password and a fixed moment, a login and its token, a
committed small plan, and every stored value as text (to show a password is nowhere)."""

from __future__ import annotations

import datetime as dt

from conftest import fingerprint, small_plan

from plantrack import auth, importer
from plantrack.excel import workbook_bytes

PASSWORD = "Mật-khẩu-rất-bí-mật-2019"
NOW = dt.datetime(2026, 3, 2, 8, 30)


def log_in(con, name="lan", password=PASSWORD, session="s1", now=None) -> auth.Login:
    return auth.verify(con, name, password, session, now=now)


def editor_token(con, name="lan") -> auth.Editor:
    result = log_in(con, name)
    assert result.ok, result
    return result.editor


def committed_plan(con, **options) -> int:
    preview = importer.prepare(con, workbook_bytes(small_plan(**options)), "plan.xlsx", as_of=dt.date(2019, 3, 31))
    return importer.commit(con, preview, "tester")


def everything_stored(con) -> str:
    """Every value of every table, as text (bytes both raw and as hex)."""
    parts = []
    for rows in fingerprint(con).values():
        for row in rows:
            for value in row:
                if isinstance(value, (bytes, bytearray, memoryview)):
                    raw = bytes(value)
                    parts += [raw.decode("utf-8", "replace"), raw.hex()]
                else:
                    parts.append(str(value))
    return "\n".join(parts)
