"""The tests' SIP2 server (sip2_acs.py) checked on its own, over raw sockets: what every ILS
test relies on it to say: fixed fields, checksums and sequence numbers, 96 and 97, the blocked
card, renew-all, the character set, TLS, and its faults. No frontdesk is started."""
import datetime
import os
import socket
import ssl
import time

import sip2_acs
from harness import SipServer
from sip2_acs import MUNOZ, OKAFOR, RIVERA, UNKNOWN_CARD, checksum

BACKENDS = ("sqlite",)  # no database: once is enough

NOW = "20261130    120000"


def setup():
    return {"sip": SipServer()}


def teardown(ctx):
    ctx["sip"].close()


class Client:
    """A raw SIP2 client: frames a request with AY/AZ (or without), reads one answer."""

    def __init__(self, port, charset="utf-8", sock=None):
        self.sock = sock or socket.create_connection(("127.0.0.1", port), timeout=5)
        self.charset = charset
        self.seq = 0
        self.buf = b""

    def frame(self, text, seq=True, bad=False):
        body = text.encode(self.charset)
        if seq:
            body += b"AY%d" % self.seq
            self.seq = (self.seq + 1) % 10
        body += b"AZ"
        total = checksum(body)
        if bad:
            total = "%04X" % ((int(total, 16) + 1) & 0xFFFF)
        return body + total.encode() + b"\r"

    def send_raw(self, data):
        self.sock.sendall(data)

    def read(self):
        while b"\r" not in self.buf:
            data = self.sock.recv(4096)
            if not data:
                raise ConnectionError("closed")
            self.buf += data
        raw, self.buf = self.buf.split(b"\r", 1)
        return raw

    def ask(self, text, **kw):
        self.send_raw(self.frame(text, **kw))
        return self.read()

    def text(self, raw):
        return raw.decode(self.charset)

    def login(self, user="frontdesk", password="sip-secret"):
        return self.ask(f"9300CN{user}|CO{password}|CPKOS|")

    def close(self):
        self.sock.close()


def fields(raw, charset="utf-8"):
    """The variable fields of an answer, after its fixed part, as [(tag, value)]; the AY/AZ
    trailer left out."""
    text = raw.decode(charset)
    fixed = {"94": 1, "98": 34, "24": 35, "64": 59, "18": 24, "30": 22, "66": 27}[text[:2]]
    parts = text[2 + fixed:].split("|")
    return [(p[:2], p[2:]) for p in parts if p and not p.startswith("AY")]


def checksum_holds(raw):
    at = raw.rindex(b"AZ")
    return checksum(raw[:at + 2]).encode() == raw[at + 2:]


def logged_in(ctx, **kw):
    c = Client(ctx["sip"].port, **kw)
    raw = c.login()
    assert raw == b"941AY0AZ" + checksum(b"941AY0AZ").encode(), raw
    return c


def test_login_answers_94_with_the_request_sequence_number_and_a_good_checksum(ctx):
    c = Client(ctx["sip"].port)
    c.seq = 7
    raw = c.login()
    assert raw.startswith(b"941AY7AZ") and checksum_holds(raw), raw
    got = ctx["sip"].received("93")[-1]
    assert dict(got["fields"])["CP"] == "KOS" and got["seq"] == "7" and got["checksum_ok"]
    c.close()
    c = Client(ctx["sip"].port)
    assert c.login(password="wrong").startswith(b"940AY0AZ")
    # Not logged in: any other message closes the connection (the spec has no refusal).
    c.send_raw(c.frame("9900302.00"))
    try:
        c.read()
        raise AssertionError("answered before login")
    except (ConnectionError, OSError):
        pass
    assert any("before a successful login" in v for v in ctx["sip"].violations())
    ctx["sip"].clear_log()


def test_sc_status_says_online_renewals_2_00_and_what_is_supported(ctx):
    c = logged_in(ctx)
    raw = c.ask("9900302.00")
    text = raw.decode()
    assert text.startswith("98YNNYNN010003") and text[32:36] == "2.00", text
    datetime.datetime.strptime(text[14:22] + text[26:32], "%Y%m%d%H%M%S")
    f = dict(fields(raw))
    assert f["AO"] == "MMRLS" and f["AM"] == "Mid-Mississippi Regional Library System"
    assert f["BX"] == "YNNNYYYYNNYNNNYY" and f["AN"] == "KOS"
    assert checksum_holds(raw) and b"|AY1AZ" in raw
    c.close()


def test_patron_status_of_a_valid_an_unknown_and_a_blocked_card(ctx):
    c = logged_in(ctx)
    raw = c.ask(f"23001{NOW}AOMMRLS|AA{RIVERA}|AC|AD1234|")
    text = raw.decode()
    assert text[2:16] == " " * 14 and text[16:19] == "001", text
    f = dict(fields(raw))
    assert f["AE"] == "Rivera, Ana" and f["BL"] == "Y" and f["CQ"] == "Y"
    assert f["BV"] == "2.50" and f["BH"] == "USD"
    raw = c.ask(f"23001{NOW}AOMMRLS|AA{UNKNOWN_CARD}|AC|AD|")
    f = dict(fields(raw))
    assert f["BL"] == "N" and f["AE"] == "" and "CQ" not in f
    raw = c.ask(f"23001{NOW}AOMMRLS|AA{OKAFOR}|AC|ADnope|")
    bits = raw.decode()[2:16]
    # charge, renewal, hold denied; card reported lost; excessive outstanding fines.
    assert bits == "YY YY     Y   ", repr(bits)
    f = fields(raw)
    assert ("CQ", "N") in f and ("AF", "Card reported lost. Please see a librarian.") in f
    assert ("BV", "45.00") in f
    assert ctx["sip"].violations() == []
    c.close()


def test_patron_information_counts_and_the_one_list_the_summary_asks_for(ctx):
    c = logged_in(ctx)
    lists = {}
    for pos, tag in enumerate(["AS", "AT", "AU", "AV", "BU", "CD"]):
        summary = " " * pos + "Y" + " " * (9 - pos)
        raw = c.ask(f"63001{NOW}{summary}AOMMRLS|AA{RIVERA}|AD1234|")
        text = raw.decode()
        assert text[37:61] == "0001" + "0001" + "0005" + "0001" + "0000" + "0001", text
        f = fields(raw)
        assert ("AE", "Rivera, Ana") in f and ("BL", "Y") in f and ("CQ", "Y") in f
        others = {t for t, _ in f} & ({"AS", "AT", "AU", "AV", "BU", "CD"} - {tag})
        assert not others, (tag, f)
        lists[tag] = [v for t, v in f if t == tag]
    assert lists["AS"] == ["31000000000006"] and lists["AT"] == ["31000000000005"]
    assert lists["AU"] == ["31000000000001", "31000000000002", "31000000000003",
                           "31000000000004", "31000000000005"]
    assert lists["AV"] == ["31000000000005"] and lists["CD"] == ["31000000000008"]
    assert lists["BU"] == []
    raw = c.ask(f"63001{NOW}  Y       AOMMRLS|AA{RIVERA}|BP2|BQ3|")
    assert [v for t, v in fields(raw) if t == "AU"] == ["31000000000002", "31000000000003"]
    raw = c.ask(f"63001{NOW}          AOMMRLS|AA{RIVERA}|")
    assert not {t for t, _ in fields(raw)} & {"AS", "AT", "AU", "AV", "BU", "CD"}
    assert ctx["sip"].violations() == []
    c.close()


def test_item_information_of_a_charged_a_held_and_an_unknown_item(ctx):
    c = logged_in(ctx)
    raw = c.ask(f"17{NOW}AOMMRLS|AB31000000000003|")
    text = raw.decode()
    assert text[2:8] == "040101", text  # charged; security marker none; fee type other
    f = dict(fields(raw))
    assert f["AJ"] == "The Nickel Boys" and f["CF"] == "1" and len(f["AH"]) == 18
    raw = c.ask(f"17{NOW}AOMMRLS|AB31000000000006|")
    assert raw.decode()[2:4] == "08" and "CM" in dict(fields(raw))
    raw = c.ask(f"17{NOW}AOMMRLS|AB39999999999999|")
    f = dict(fields(raw))
    assert raw.decode()[2:4] == "01" and f["AJ"] == "" and f["AF"] == "Item not found"
    c.close()


def test_renew_moves_the_due_date_21_days_or_says_why_not(ctx):
    sip = ctx["sip"]
    c = logged_in(ctx)
    before = sip.item("31000000000001")["due"]
    raw = c.ask(f"29NN{NOW}{' ' * 18}AOMMRLS|AA{RIVERA}|AB31000000000001|")
    text = raw.decode()
    assert text[2:6] == "1YNU", text
    f = dict(fields(raw))
    want = datetime.datetime.strptime(before[:8], "%Y%m%d") + datetime.timedelta(days=21)
    assert f["AH"][:8] == want.strftime("%Y%m%d") and f["AJ"] == "The Overstory"
    assert sip.item("31000000000001")["due"] == f["AH"]
    assert sip.item("31000000000001")["renewals"] == 1
    for item, why in [("31000000000003", "Item has holds: it cannot be renewed"),
                      ("31000000000004", "Renewal limit reached"),
                      ("39999999999999", "Item not found"),
                      ("31000000000010", "Item is not checked out to this patron")]:
        raw = c.ask(f"29NN{NOW}{' ' * 18}AOMMRLS|AA{RIVERA}|AB{item}|")
        assert raw.decode()[2:4] == "0N", raw
        f = dict(fields(raw))
        assert f["AF"] == why and f["AH"] == "", (item, f)
    raw = c.ask(f"29NN{NOW}{' ' * 18}AOMMRLS|AA{OKAFOR}|AB31000000000010|")
    assert dict(fields(raw))["AF"] == "Renewal privileges denied: card reported lost"
    sip.reset_data()
    c.close()


def test_renew_all_renews_what_it_can_and_lists_the_others_with_a_message_each(ctx):
    sip = ctx["sip"]
    c = logged_in(ctx)
    raw = c.ask(f"65{NOW}AOMMRLS|AA{RIVERA}|AD1234|")
    text = raw.decode()
    assert text[2:11] == "100030002", text  # ok, 3 renewed, 2 not
    f = fields(raw)
    assert [v for t, v in f if t == "BM"] == ["31000000000001", "31000000000002",
                                              "31000000000005"]
    assert [v for t, v in f if t == "BN"] == ["31000000000003", "31000000000004"]
    assert [v for t, v in f if t == "AF"] == [
        "The Nickel Boys (31000000000003): Item has holds: it cannot be renewed",
        "Educated (31000000000004): Renewal limit reached"]
    assert sip.item("31000000000002")["renewals"] == 2
    assert sip.item("31000000000004")["renewals"] == 3
    # The blocked card is refused as a whole: ok 0, nothing listed, one message saying why.
    raw = c.ask(f"65{NOW}AOMMRLS|AA{OKAFOR}|")
    assert raw.decode()[2:11] == "000000000", raw
    f = fields(raw)
    assert [t for t, _ in f if t in ("BM", "BN")] == [], f
    assert [v for t, v in f if t == "AF"] == ["Renewal privileges denied: card reported lost"]
    assert sip.counters()["65"] >= 2
    sip.reset_data()
    c.close()


def test_a_bad_checksum_is_answered_96_and_97_resends_the_last_answer(ctx):
    sip = ctx["sip"]
    c = logged_in(ctx)
    assert c.ask("9900302.00", bad=True) == b"96AZFEF6"
    assert sip.counters()["bad_checksums"] >= 1
    first = c.ask(f"23001{NOW}AOMMRLS|AA{MUNOZ}|AC|AD|")
    assert c.ask("97", seq=False) == first
    # A corrupted answer: the client asks again with 97 and gets the good copy.
    sip.corrupt_next_checksum()
    bad = c.ask(f"17{NOW}AOMMRLS|AB31000000000001|")
    assert not checksum_holds(bad)
    good = c.ask("97", seq=False)
    assert checksum_holds(good) and good[:-4] == bad[:-4]
    sip.resend_next()
    assert c.ask("9900302.00") == b"96AZFEF6"
    assert c.ask("9900302.00").startswith(b"98")
    assert len(sip.received("97")) >= 2
    c.close()


def test_without_error_detection_the_answer_has_no_trailer(ctx):
    c = logged_in(ctx)
    c.send_raw(b"9900302.00\r\n")
    raw = c.read()
    assert raw.startswith(b"98") and b"AZ" not in raw and raw.endswith(b"|"), raw
    c.send_raw(b"9900302.00\r")  # a LF after the CR was skipped, not read as a message
    assert c.read().startswith(b"98")
    c.close()


def test_charsets_carry_the_non_ascii_name(ctx):
    sip = ctx["sip"]
    for charset in ("utf-8", "latin-1", "cp850"):
        sip.set_charset(charset)
        c = logged_in(ctx, charset=charset)
        raw = c.ask(f"63001{NOW}  Y       AOMMRLS|AA{MUNOZ}|")
        assert "Muñoz, José".encode(charset) in raw and checksum_holds(raw), (charset, raw)
        f = dict(fields(raw, charset))
        assert f["AE"] == "Muñoz, José"
        raw = c.ask(f"17{NOW}AOMMRLS|AB31000000000008|")
        assert dict(fields(raw, charset))["AJ"] == "Cien años de soledad"
        c.close()
    assert "Muñoz".encode("cp850") != "Muñoz".encode("utf-8")
    sip.set_charset("utf-8")


def test_shuffled_fields_and_an_unknown_field(ctx):
    sip = ctx["sip"]
    sip.shuffle(True)
    try:
        c = logged_in(ctx)
        orders = set()
        for _ in range(8):
            raw = c.ask(f"63001{NOW}  Y       AOMMRLS|AA{RIVERA}|")
            assert checksum_holds(raw) and raw.decode()[2:16] == " " * 14
            f = fields(raw)
            assert ("ZZ", "an unknown field") in f and ("AE", "Rivera, Ana") in f
            orders.add(tuple(t for t, _ in f))
        assert len(orders) > 1
        c.close()
    finally:
        sip.shuffle(False)


def test_drops_silence_delay_and_refused_logins(ctx):
    sip = ctx["sip"]
    c = logged_in(ctx)
    sip.drop_after_next()
    c.send_raw(c.frame("9900302.00"))
    try:
        c.read()
        raise AssertionError("answered a request it was told to drop after")
    except (ConnectionError, OSError):
        pass
    c = logged_in(ctx)
    sip.drop_now()
    try:
        c.ask("9900302.00")
        raise AssertionError("the connection outlived drop_now")
    except (ConnectionError, OSError):
        pass
    assert sip.counters()["drops"] >= 2
    c = logged_in(ctx)
    sip.silent(True)
    heard = sip.counters().get("99", 0)
    c.sock.settimeout(0.5)
    try:
        c.ask("9900302.00")
        raise AssertionError("answered while silent")
    except socket.timeout:
        pass
    assert sip.wait_for("99", heard + 1, timeout=1)  # read and logged, not answered
    assert not sip.wait_for("99", heard + 2, timeout=0.1)
    sip.silent(False)
    c.sock.settimeout(5)
    assert c.ask("9900302.00").startswith(b"98")
    c.close()
    sip.delay(300)
    c = logged_in(ctx)
    start = time.monotonic()
    assert c.ask("9900302.00").startswith(b"98")
    assert time.monotonic() - start >= 0.3
    sip.delay(0)
    c.close()
    sip.refuse_logins(True)
    c = Client(sip.port)
    assert c.login().startswith(b"940")
    sip.reset_faults()
    assert c.login().startswith(b"941")
    c.close()


def test_tls_and_the_control_port(ctx):
    sip = SipServer(tls=True, process=True, charset="cp850")
    try:
        conf = sip.ils_config()
        assert "tls = true\n" in conf and f"ca_file = {sip.cert}\n" in conf, conf
        assert "charset = CP850\n" in conf, conf
        context = ssl.create_default_context(cafile=sip.cert)
        sock = context.wrap_socket(socket.create_connection(("127.0.0.1", sip.port), timeout=5),
                                   server_hostname="localhost")
        c = Client(sip.port, charset="cp850", sock=sock)
        assert c.login().startswith(b"941")
        raw = c.ask(f"23001{NOW}AOMMRLS|AA{MUNOZ}|AC|AD|")
        assert dict(fields(raw, "cp850"))["AE"] == "Muñoz, José"
        assert sip.received("23")[-1]["fields"][1] == ["AA", MUNOZ]
        sip.corrupt_next_checksum()
        assert not checksum_holds(c.ask("9900302.00"))
        assert sip.counters()["93"] == 1 and sip.wait_for("99", 1)
        assert sip.patron(MUNOZ)["name"] == "Muñoz, José"
        c.close()
        # A plain TCP client gets no SIP2 from a TLS port.
        plain = Client(sip.port)
        plain.send_raw(plain.frame("9300CNfrontdesk|COsip-secret|"))
        try:
            plain.read()
            raise AssertionError("a TLS server answered plain text")
        except (ConnectionError, OSError):
            pass
    finally:
        sip.close()


def test_a_data_file_replaces_the_default_data(ctx):
    data = {**sip2_acs.DEFAULT_DATA, "login": {"user": "koha", "password": "k0ha"},
            "institution": "CPL"}
    sip = SipServer(data=data, process=True)
    try:
        c = Client(sip.port)
        assert c.login().startswith(b"940")
        assert c.ask("9300CNkoha|COk0ha|").startswith(b"941")
        assert dict(fields(c.ask("9900302.00")))["AO"] == "CPL"
        c.close()
    finally:
        sip.close()
    assert not os.path.exists(sip.dir)


def test_what_the_client_does_against_the_protocol_is_named(ctx):
    sip = ctx["sip"]
    sip.clear_log()
    c = logged_in(ctx)
    c.ask(f"63001{NOW}YY        AOMMRLS|AA{RIVERA}|")  # two lists asked for
    c.ask(f"23001{NOW}AOMMRLS|AA{RIVERA}|")  # AC and AD are required, if empty
    c.ask(f"17{NOW}AOOTHER|AB31000000000001|")  # another institution
    c.ask(f"63001{NOW}N      Y  AOMMRLS|AA{RIVERA}|")  # N for no, a reserved position
    c.ask("97")  # 97 with a sequence number
    c.ask("9900302.0")  # a short fixed part
    got = sip.violations()
    for words in ["63: summary 'YY        ' asks for more than one list",
                  "23: required field AC missing", "23: required field AD missing",
                  "17: institution id 'OTHER' is not 'MMRLS'", "97 with a sequence number",
                  "63: summary 'N      Y  ': only Y or blank",
                  "99: fixed part shorter than 8"]:
        assert any(words in v for v in got), (words, got)
    c.send_raw(c.frame("11YN" + NOW + NOW + "AOMMRLS|AA1|AB2|AC|"))  # checkout: not offered
    try:
        c.read()
        raise AssertionError("an unsupported message was answered")
    except (ConnectionError, OSError):
        pass
    assert any("'11' is not one this ACS supports" in v for v in sip.violations())
    sip.clear_log()
    assert sip.violations() == [] and sip.received() == []


def test_a_restart_keeps_the_port_and_in_a_thread_the_counters(ctx):
    sip = ctx["sip"]
    c = logged_in(ctx)
    logins = sip.counters()["logins"]
    sip.stop()
    try:
        c.ask("9900302.00")
        raise AssertionError("the connection outlived the server")
    except (ConnectionError, OSError):
        pass
    try:
        socket.create_connection(("127.0.0.1", sip.port), timeout=2).close()
        raise AssertionError("a stopped server took a connection")
    except OSError:
        pass
    sip.start()
    c = logged_in(ctx)
    assert c.ask("9900302.00").startswith(b"98")
    assert sip.counters()["logins"] == logins + 1
    c.close()


def test_the_ils_config_names_this_server(ctx):
    text = ctx["sip"].ils_config(timeout_ms=500)
    assert text.startswith("[ils]\n") and f"port = {ctx['sip'].port}\n" in text
    for line in ["login = frontdesk", "password = sip-secret", "institution = MMRLS",
                 "location = KOS", "charset = UTF-8", "timeout_ms = 500"]:
        assert line + "\n" in text, (line, text)
    assert "tls" not in text
