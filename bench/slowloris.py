"""make bench: a slowloris soak. slowhttptest (-H: headers sent a few bytes at a time) keeps
2,000 connections coming from 127.0.0.1 at frontdesk for SECONDS, starting again as the
server cuts them, while a probe from another address (127.0.0.2) asks for the desk page
every 200 ms. Run with frontdesk's limits as configured by default, then with only the reserve
left (no limit per address, no deadline for headers), and print the probe's success rate and
latency beside the goal. With BENCH_BEFORE=/path/to/an/older/frontdesk, that binary is soaked
the same way too, with no configuration.
Usage: slowloris.py FRONTDESK WORKDIR [SECONDS]"""
import csv
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time

CONNECTIONS = 2000
PROBE_FROM = "127.0.0.2"
PROBE_TIMEOUT_S = 5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def frontdesk(bin, db, *args, stdin=None):
    return subprocess.run([bin, "--db", db, *args], input=stdin, capture_output=True,
                          text=True, check=True).stdout


def serve(bin, db, work, config):
    """Starts serve, with a config file when config is not empty; returns (process, port)."""
    conf = []
    if config:
        conf = ["--config", os.path.join(work, "slowloris.conf")]
        with open(conf[1], "w") as f:
            f.write(config)
    port = free_port()
    with open(os.path.join(work, "slowloris-serve.log"), "a") as log:
        p = subprocess.Popen([bin, "--db", db, *conf, "serve", "--listen",
                              f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
                             env=dict(os.environ, FRONTDESK_LOG_LEVEL="warn"))
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return p, port
        except OSError:
            time.sleep(0.1)
    p.kill()
    sys.exit("slowloris: frontdesk serve did not start")


def probe(port, token):
    """One GET of the desk page from PROBE_FROM: (answered 200, seconds)."""
    start = time.monotonic()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=PROBE_TIMEOUT_S,
                                   source_address=(PROBE_FROM, 0))
    try:
        c.request("GET", "/desk/KOS", headers={"Authorization": "Bearer " + token})
        r = c.getresponse()
        r.read()
        ok = r.status == 200
    except OSError:
        ok = False
    finally:
        c.close()
    return ok, time.monotonic() - start


def attack(port, token, seconds, work):
    """slowhttptest, started again whenever it ends, until seconds have passed, with the
    probe running meanwhile; returns (probe results, most connections the server held)."""
    results, held, end = [], 0, time.monotonic() + seconds
    round = 0
    while time.monotonic() < end - 2:
        round += 1
        prefix = os.path.join(work, f"slowhttptest-{port}-{round}")
        left = max(5, int(end - time.monotonic()))
        atk = subprocess.Popen(["slowhttptest", "-H", "-c", str(CONNECTIONS), "-r", "500",
                                "-i", "5", "-x", "24", "-p", "3", "-l", str(left), "-g",
                                "-o", prefix, "-u", f"http://127.0.0.1:{port}/login"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while atk.poll() is None and time.monotonic() < end:
            results.append(probe(port, token))
            time.sleep(0.2)
        if atk.poll() is None:
            atk.terminate()
        atk.wait()
        try:
            with open(prefix + ".csv") as f:
                held = max([held] + [int(row["Connected"]) for row in csv.DictReader(f)])
        except (OSError, ValueError, KeyError):
            pass
    return results, held


def longest_silence(results):
    """The longest run of seconds in which no probe was answered."""
    longest = run = 0.0
    for good, took in results:
        run = 0.0 if good else run + took + 0.2
        longest = max(longest, run)
    return longest


def report(label, results, held):
    ok = [t for good, t in results if good]
    ms = sorted(t * 1000 for t in ok)
    rate = 100.0 * len(ok) / len(results) if results else 0.0
    lat = "no answer"
    if ms:
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        lat = f"p50 {statistics.median(ms):.1f} ms, p99 {p99:.1f} ms, max {ms[-1]:.1f} ms"
    print(f"        {label}: probe from {PROBE_FROM} answered {len(ok)}/{len(results)} "
          f"({rate:.1f} %), {lat}, longest without an answer {longest_silence(results):.0f} s; "
          f"the attack held at most {held} connections")


def main():
    bin, work = sys.argv[1], sys.argv[2]
    seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    db = "sqlite:" + os.path.join(work, "slowloris.db")
    frontdesk(bin, db, "init")
    frontdesk(bin, db, "branch", "add", "KOS", "--name", "Kosciusko-Attala Library")
    frontdesk(bin, db, "user", "add", "probe", "--name", "Probe", "--role", "staff", "--branch",
              "KOS")
    token = frontdesk(bin, db, "token", "create", "probe").strip()
    print(f"slowloris: slowhttptest -H, {CONNECTIONS} connections from 127.0.0.1 kept coming "
          f"for {seconds} s; the desk page asked for every 200 ms from {PROBE_FROM} "
          f"(goal: desk reachable throughout, every probe answered)")
    runs = [(bin, "limits as configured by default (64 per address, headers within 10 s)", ""),
            (bin, "the reserve alone (no limit per address, 600 s for headers)",
             "[server]\nmax_connections_per_address = 100000\nheader_timeout_s = 600\n")]
    if os.environ.get("BENCH_BEFORE"):
        runs.append((os.environ["BENCH_BEFORE"], "before: " + os.environ["BENCH_BEFORE"], ""))
    for exe, label, config in runs:
        p, port = serve(exe, db, work, config)
        try:
            results, held = attack(port, token, seconds, work)
        finally:
            p.terminate()
            p.wait(timeout=30)
        report(label, results, held)


if __name__ == "__main__":
    main()
