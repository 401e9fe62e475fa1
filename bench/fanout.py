"""Live fan-out: N server-sent-event listeners on one branch. Each round posts a visit and
times how long until the last listener has its event; prints p50 and p99 of that and the
server's resident memory per listener. Usage: fanout.py PORT TOKEN SERVER_PID [N] [ROUNDS]"""
import http.client
import selectors
import socket
import sys
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    port, token, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 30
    before = rss_kib(pid)
    sel = selectors.DefaultSelector()
    request = (f"GET /api/v1/branches/KOS/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n").encode()
    socks = []
    for i in range(n):
        # Each listener from an address of its own, as n desks would be: frontdesk limits
        # the connections of one address (127/8 is all the loopback).
        s = socket.create_connection(("127.0.0.1", port),
                                     source_address=(f"127.1.{i // 250}.{i % 250 + 1}", 0))
        s.sendall(request)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, len(socks))
        socks.append(s)
    # Every stream says ": connected" first.
    connected = set()
    deadline = time.monotonic() + 30
    while len(connected) < n and time.monotonic() < deadline:
        for key, _ in sel.select(1):
            if b"connected" in key.fileobj.recv(65536):
                connected.add(key.data)
    if len(connected) < n:
        sys.exit(f"only {len(connected)} of {n} listeners connected")
    time.sleep(0.5)
    per_listener = (rss_kib(pid) - before) / n
    api = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    waits = []
    for _ in range(rounds):
        got = set()
        start = time.monotonic()
        api.request("POST", "/api/v1/branches/KOS/visits", body='{"channel":"phone"}',
                    headers={"Authorization": "Bearer " + token,
                             "Content-Type": "application/json"})
        api.getresponse().read()
        while len(got) < n and time.monotonic() - start < 10:
            for key, _ in sel.select(1):
                if b"event: queue" in key.fileobj.recv(65536):
                    got.add(key.data)
        if len(got) < n:
            sys.exit(f"only {len(got)} of {n} listeners had the event within 10 s")
        waits.append((time.monotonic() - start) * 1000)
        time.sleep(0.05)
    waits.sort()
    p50 = waits[len(waits) // 2]
    p99 = waits[min(len(waits) - 1, (len(waits) * 99 + 99) // 100 - 1)]
    print(f"fanout: {n} listeners, POST to last event p50 {p50:.1f} ms, p99 {p99:.1f} ms; "
          f"{per_listener:.1f} KiB resident per listener")
    for s in socks:
        s.close()


main()
