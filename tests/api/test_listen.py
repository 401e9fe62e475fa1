"""The listening port: a port that another program holds, or another frontdesk, is an error
that names it and a non-zero exit, never a second server sharing the port (the kernel would
split the desks between two databases); a restart still takes its port at once. The port does
not depend on the database, so this runs on SQLite only."""
import http.client
import os
import socket
import subprocess
import time

from harness import BIN, Db, Server, check_sanitizers, env, free_port

BACKENDS = ("sqlite",)


def setup():
    db = Db()
    db.cli("init")
    return {"db": db, "srv": Server(db)}


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def serve(db, port, wait=15):
    """Runs `frontdesk serve` on port until it exits or wait seconds pass; (exit, stderr)."""
    p = subprocess.Popen([BIN, "--db", db.url, "serve", "--listen", f"127.0.0.1:{port}"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(),
                         cwd=db.dir)
    try:
        out, err = p.communicate(timeout=wait)
    except subprocess.TimeoutExpired:
        p.terminate()
        out, err = p.communicate(timeout=30)
        raise AssertionError(f"a second serve on busy port {port} kept running:\n{err}")
    check_sanitizers(err, "frontdesk serve")
    return p.returncode, err


def test_a_second_frontdesk_on_the_port_is_refused_by_name(ctx):
    srv = ctx["srv"]
    code, err = serve(ctx["db"], srv.port)
    assert code != 0, err
    assert f"127.0.0.1:{srv.port} is already in use by another program" in err, err
    # The first one keeps the port and keeps answering.
    for _ in range(5):
        assert srv.request("GET", "/healthz")[0] == 200


def test_a_port_another_program_holds_is_refused_by_name(ctx):
    for host in ("127.0.0.1", "0.0.0.0"):
        other = socket.socket()
        try:
            other.bind((host, 0))
            other.listen()
            port = other.getsockname()[1]
            code, err = serve(ctx["db"], port)
            assert code != 0, err
            assert f"127.0.0.1:{port} is already in use by another program" in err, err
        finally:
            other.close()


def test_an_address_of_another_machine_is_refused(ctx):
    p = subprocess.run([BIN, "--db", ctx["db"].url, "serve", "--listen", "192.0.2.1:8080"],
                       capture_output=True, text=True, env=env(), cwd=ctx["db"].dir,
                       timeout=30)
    assert p.returncode != 0
    assert "192.0.2.1:8080: not an address of this machine" in p.stderr, p.stderr


def test_a_restart_takes_its_port_straight_away(ctx):
    # A server stopped with a connection still open leaves it lingering (TIME_WAIT) on its
    # side; the next serve on that port must start all the same.
    db = ctx["db"]
    port = free_port()
    log = open(os.path.join(db.dir, "restart.log"), "w+")
    procs = []
    try:
        for round in range(2):
            p = subprocess.Popen([BIN, "--db", db.url, "serve", "--listen", f"127.0.0.1:{port}"],
                                 stdout=log, stderr=subprocess.STDOUT, env=env(), cwd=db.dir)
            procs.append(p)
            conn = None
            deadline = time.time() + 30
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    conn.request("GET", "/healthz")
                    assert conn.getresponse().read()
                    break
                except OSError:
                    conn.close()
                    assert p.poll() is None and time.time() < deadline, \
                        f"serve did not start on round {round}"
                    time.sleep(0.05)
            p.terminate()
            assert p.wait(timeout=30) == 0
            conn.close()
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
        log.seek(0)
        check_sanitizers(log.read(), "frontdesk serve")
        log.close()
