"""The client address behind trusted reverse proxies (PLANTRACK_TRUSTED_PROXIES, issue 16): the
right-most address of X-Forwarded-For that is not a trusted proxy, and only when the connection
itself comes from one; and the login throttle counting the clients behind one proxy apart."""

from __future__ import annotations

import pytest
from test_throttle import PASSWORD, _at, fast_hash  # noqa: F401

from plantrack import auth, proxies
from plantrack.db import connect

PROXY = "10.0.0.5"


@pytest.fixture
def con(tmp_path, request):
    request.getfixturevalue("fast_hash")
    con = connect(tmp_path / "proxies.duckdb")
    auth.add_user(con, "lan", PASSWORD)
    yield con
    con.close()


# (what the setting says, the connection's own address, the X-Forwarded-For headers, the client)
CASES = [
    ("", PROXY, ["203.0.113.7"], PROXY),
    ("", None, ["203.0.113.7"], None),
    ("10.0.0.5", PROXY, [], PROXY),
    ("10.0.0.5", PROXY, ["203.0.113.7"], "203.0.113.7"),
    ("10.0.0.5", "198.51.100.2", ["203.0.113.7"], "198.51.100.2"),
    ("10.0.0.5", PROXY, ["1.1.1.1, 203.0.113.7"], "203.0.113.7"),
    ("10.0.0.0/24", PROXY, ["203.0.113.7, 10.0.0.9"], "203.0.113.7"),
    ("10.0.0.0/24", PROXY, ["203.0.113.7", "10.0.0.9"], "203.0.113.7"),
    ("10.0.0.0/24", PROXY, ["10.0.0.3, 10.0.0.9"], "10.0.0.3"),
    ("10.0.0.5", PROXY, ["203.0.113.7:51234"], "203.0.113.7"),
    ("10.0.0.5", PROXY, ["[2001:db8::7]:443"], "2001:db8::7"),
    ("10.0.0.5, 2001:db8:1::/48", "2001:db8:1::9", ["2001:db8::7"], "2001:db8::7"),
    ("10.0.0.5", "::ffff:10.0.0.5", ["203.0.113.7"], "203.0.113.7"),
    ("10.0.0.5", PROXY, ["not-an-address"], PROXY),
    ("10.0.0.5", PROXY, [" , "], PROXY),
    ("127.0.0.1", None, ["203.0.113.7"], "203.0.113.7"),
    ("::1", None, ["203.0.113.7"], "203.0.113.7"),
    ("10.0.0.5", None, ["203.0.113.7"], None),
    ("127.0.0.1", None, ["garbage"], None),
]


@pytest.mark.parametrize(("setting", "peer", "headers", "client"), CASES)
def test_the_client_is_the_right_most_address_that_is_not_a_trusted_proxy(setting, peer, headers, client):
    networks = proxies.trusted_proxies({proxies.TRUSTED_PROXIES_ENV: setting})
    assert proxies.client_address(peer, headers, networks) == client


@pytest.mark.parametrize("setting", ["10.0.0", "proxy.example", "10.0.0.0/33", "10.0.0.5;10.0.0.6"])
def test_a_setting_that_is_not_an_address_names_the_variable_and_the_value(setting):
    with pytest.raises(ValueError, match=f"PLANTRACK_TRUSTED_PROXIES: '{setting.split(',')[0]}'"):
        proxies.trusted_proxies({proxies.TRUSTED_PROXIES_ENV: setting})


def test_the_server_start_says_when_uvicorn_would_believe_the_header_itself():
    assert "FORWARDED_ALLOW_IPS" in proxies.check_server({proxies.TRUSTED_PROXIES_ENV: "10.0.0.5"})
    assert proxies.check_server({proxies.TRUSTED_PROXIES_ENV: "10.0.0.5", "FORWARDED_ALLOW_IPS": ""}) is None
    with pytest.raises(ValueError, match="PLANTRACK_TRUSTED_PROXIES"):
        proxies.check_server({proxies.TRUSTED_PROXIES_ENV: "nope", "FORWARDED_ALLOW_IPS": ""})


def test_behind_a_trusted_proxy_one_guessing_client_does_not_lock_the_others(con):
    networks = proxies.trusted_proxies({proxies.TRUSTED_PROXIES_ENV: PROXY})

    def address(client: str) -> str:
        # The guesser writes an address of their own into the header; the proxy appends the real one.
        return proxies.client_address(PROXY, [f"192.0.2.1, {client}"], networks)

    for i in range(auth.ADDRESS_FAILURES):
        auth.verify(con, f"khách-{i}", "sai", f"s-{i}", now=_at(i), address=address("203.0.113.66"))
    assert auth.verify(con, "lan", PASSWORD, "s-guesser", now=_at(20), address=address("203.0.113.66")).outcome == (
        "locked"
    )
    assert auth.verify(con, "lan", PASSWORD, "s-other", now=_at(21), address=address("198.51.100.8")).ok
    # Without the setting every client has the proxy's address, and the guesser locks them all out.
    for i in range(auth.ADDRESS_FAILURES):
        auth.verify(con, f"khách-{i}", "sai", f"t-{i}", now=_at(30 + i), address=proxies.client_address(PROXY, [], ()))
    assert auth.verify(con, "lan", PASSWORD, "t-other", now=_at(50), address=PROXY).outcome == "locked"
