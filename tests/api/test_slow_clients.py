"""Slow clients (a slowloris): hundreds of connections from one address sending their headers
a byte at a time must not make the desk unreachable for anyone else. Connections are limited
per address, the last tenth of the total is kept for addresses that hold few, headers that
take too long are cut, and a trusted proxy (which speaks for many clients) is exempt. Linux
routes all of 127/8 to the loopback, so each test's "other address" is a real one. The
connections do not depend on the database, so this runs on SQLite only."""
import http.client
import signal
import socket
import time

from harness import Db, Server

BACKENDS = ("sqlite",)
TOTAL, PER_ADDRESS, HEADER_TIMEOUT_S = 200, 40, 4
PROXY = "127.0.0.9"
CONFIG = f"""[server]
max_connections = {TOTAL}
max_connections_per_address = {PER_ADDRESS}
header_timeout_s = {HEADER_TIMEOUT_S}
trusted_proxies = {PROXY}
"""
SLOW_HEADERS = b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"".join(
    b"X-Slow-%d: a\r\n" % i for i in range(2000))


def setup():
    db = Db()
    db.cli("init")
    return {"db": db, "srv": Server(db, config=CONFIG)}


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def held_open(socks):
    """How many of these (non-blocking) connections the server still holds: a refused or cut
    one reads as closed."""
    n = 0
    for s in socks:
        if s.fileno() < 0:
            continue
        try:
            if s.recv(1, socket.MSG_PEEK) == b"":
                s.close()
                continue
        except BlockingIOError:
            pass
        except OSError:
            s.close()
            continue
        n += 1
    return n


class Crowd:
    """Connections from one source address that send their headers a byte at a time."""

    def __init__(self, port, source, count):
        self.socks, self.sent = [], []
        for _ in range(count):
            s = socket.socket()
            s.bind((source, 0))
            s.settimeout(5)
            s.connect(("127.0.0.1", port))
            s.setblocking(False)
            self.socks.append(s)
            self.sent.append(0)

    def drip(self):
        """One more byte of headers on every connection still open."""
        for i, s in enumerate(self.socks):
            if s.fileno() < 0:
                continue
            try:
                s.send(SLOW_HEADERS[self.sent[i]:self.sent[i] + 1])
                self.sent[i] += 1
            except OSError:
                s.close()

    def open_count(self):
        return held_open(self.socks)

    def close(self):
        for s in self.socks:
            s.close()


def drip_for(crowds, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for c in crowds:
            c.drip()
        time.sleep(0.2)


def get_from(srv, source, path="/login"):
    """GET from a source address on a fresh connection: (status, seconds taken)."""
    start = time.monotonic()
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10,
                                   source_address=(source, 0))
    try:
        c.request("GET", path)
        r = c.getresponse()
        r.read()
        return r.status, time.monotonic() - start
    finally:
        c.close()


def settle(srv):
    """Waits until the previous test's connections are gone from the server's count."""
    time.sleep(0.5)
    assert get_from(srv, "127.0.0.1")[0] == 200


def test_a_slowloris_from_one_address_leaves_the_desk_to_everyone_else(ctx):
    srv = ctx["srv"]
    settle(srv)
    crowd = Crowd(srv.port, "127.0.0.1", 300)
    try:
        drip_for([crowd], 0.6)
        held = crowd.open_count()
        assert PER_ADDRESS - 2 <= held <= PER_ADDRESS + 2, \
            f"{held} slow connections held from one address (limit {PER_ADDRESS})"
        for other in ("127.0.0.2", "127.0.0.3"):
            status, took = get_from(srv, other)
            assert status == 200 and took < 2, (status, took)
        # Headers that take longer than header_timeout_s are cut, all of them.
        drip_for([crowd], HEADER_TIMEOUT_S + 1.5)
        assert crowd.open_count() == 0
    finally:
        crowd.close()
    assert "refusing connections from 127.0.0.1: the limit per address" in srv.output()
    assert "took over 4 s to send a request's headers" in srv.output()


def test_the_reserve_keeps_room_for_a_newcomer_when_a_few_addresses_crowd_in(ctx):
    srv = ctx["srv"]
    settle(srv)
    crowds = []
    try:
        # Four addresses take 40 each (160 of 200); a fifth then gets only what is left
        # outside the reserve (the last 20), and the reserve stays for someone new.
        for n in range(4, 9):
            crowds.append(Crowd(srv.port, f"127.0.0.{n}", PER_ADDRESS))
        drip_for(crowds, 0.4)
        held = [c.open_count() for c in crowds]
        assert sum(held) <= TOTAL - TOTAL // 10 + 2, held
        assert held[-1] <= 20 + 2, held
        status, took = get_from(srv, "127.0.0.2")
        assert status == 200 and took < 2, (status, took)
    finally:
        for c in crowds:
            c.close()
    assert "the reserve kept for other addresses" in srv.output()


def test_a_trusted_proxy_is_not_limited_per_address_nor_cut(ctx):
    # Behind nginx every client is the proxy's address, and nginx keeps idle connections
    # open to reuse them: neither limit may apply to it.
    srv = ctx["srv"]
    settle(srv)
    crowd = Crowd(srv.port, PROXY, PER_ADDRESS + 20)
    try:
        drip_for([crowd], HEADER_TIMEOUT_S + 1.5)
        assert crowd.open_count() == PER_ADDRESS + 20
    finally:
        crowd.close()


def test_a_client_that_keeps_asking_keeps_its_connection(ctx):
    # The deadline is for each request's headers, from the end of the answer before:
    # a desk that asks every second on one connection is never cut.
    srv = ctx["srv"]
    settle(srv)
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10,
                                   source_address=("127.0.0.2", 0))
    try:
        first = None
        for _ in range(int(HEADER_TIMEOUT_S * 1.5)):
            c.request("GET", "/healthz")
            r = c.getresponse()
            assert r.status == 200 and r.read()
            first = first or c.sock
            assert c.sock is first, "the connection was closed between requests"
            time.sleep(1)
    finally:
        c.close()


def test_a_kept_alive_answer_says_how_long_the_connection_may_idle(ctx):
    # An idle kept-alive connection is cut at header_timeout_s: the answer tells the client
    # a second less (Keep-Alive: timeout=N), so a pool of connections drops it in time.
    srv = ctx["srv"]
    settle(srv)
    idle_s = HEADER_TIMEOUT_S - 1
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10,
                                   source_address=("127.0.0.2", 0))
    try:
        c.request("GET", "/healthz")
        r = c.getresponse()
        r.read()
        assert r.status == 200 and r.headers["Keep-Alive"] == f"timeout={idle_s}", \
            r.headers.items()
        sock = c.sock
        # Reused just inside what it was told, the connection still answers...
        time.sleep(idle_s - 0.3)
        c.request("GET", "/healthz")
        r = c.getresponse()
        r.read()
        assert r.status == 200 and c.sock is sock, "closed within the Keep-Alive timeout"
        # ...and left idle past header_timeout_s it is closed, as it was told it would be.
        time.sleep(HEADER_TIMEOUT_S + 0.5)
        sock.setblocking(False)
        assert sock.recv(1, socket.MSG_PEEK) == b"", "an idle connection was not cut"
    finally:
        c.close()
    # No promise where the connection closes after the answer, or is never cut.
    for source, headers in (("127.0.0.2", {"Connection": "close"}), (PROXY, {})):
        c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10,
                                       source_address=(source, 0))
        try:
            c.request("GET", "/healthz", headers=headers)
            r = c.getresponse()
            r.read()
            assert r.status == 200 and "Keep-Alive" not in r.headers, (source, r.headers.items())
        finally:
            c.close()
    for request, promised in ((b"GET /healthz HTTP/1.0\r\n\r\n", False),
                              (b"GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", True)):
        with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
            s.sendall(request)
            head = s.recv(4096).split(b"\r\n\r\n")[0].lower()
            assert (f"keep-alive: timeout={idle_s}".encode() in head) == promised, head


def test_the_limit_per_address_is_exact_under_a_parallel_rush(ctx):
    # Eight threads accept at once: a connection is counted as it is admitted, under the
    # same lock, so a rush of connections gets exactly the limit from each address, never
    # one more. (Its own server: eight threads, a limit of 2, and room for the rush.)
    db = Db()
    db.cli("init")
    config = CONFIG.replace(f"max_connections = {TOTAL}", "threads = 8\nmax_connections = 4000")
    srv = Server(db, config=config.replace(f"per_address = {PER_ADDRESS}", "per_address = 2"))
    rush = {}
    try:
        # The server is paused while the kernel takes every connection: it then finds them
        # all waiting at once, and its threads take them in parallel.
        srv.proc.send_signal(signal.SIGSTOP)
        try:
            for a in range(100):
                source = f"127.0.1.{a + 1}"
                rush[source] = []
                for _ in range(6):
                    s = socket.socket()
                    s.bind((source, 0))
                    s.setblocking(False)
                    s.connect_ex(("127.0.0.1", srv.port))
                    rush[source].append(s)
            time.sleep(0.2)
        finally:
            srv.proc.send_signal(signal.SIGCONT)
        # A connection still waiting to be accepted reads as open too: give the server
        # time to take them all (on a busy machine), then every address holds exactly 2.
        deadline = time.monotonic() + 15
        while True:
            time.sleep(0.5)
            held = {source: held_open(socks) for source, socks in rush.items()}
            if max(held.values()) <= 2 or time.monotonic() > deadline:
                break
        off = {source: n for source, n in held.items() if n != 2}
        assert not off, f"held other than the limit of 2: {off}"
    finally:
        for socks in rush.values():
            for s in socks:
                s.close()
        assert srv.stop() < 3
