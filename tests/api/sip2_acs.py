"""The tests' own library catalogue: a SIP2 server (the "ACS" of 3M's Standard Interchange
Protocol 2.00), Python stdlib only, written from the specification. Every ILS test talks to it.

Run by hand:  python3 tests/api/sip2_acs.py --port 6001 [--tls CERT KEY] [--charset cp850]
              [--data FILE.json] [--control PORT] [--shuffle] [--crlf]
It prints "ready PORT CONTROL_PORT host=... port=... login=..." (the [ils] settings a
frontdesk.conf needs to use it, as KEY=VALUE words: see ils_settings), then the data it serves,
then each message as it comes.

In the tests, through the harness:  sip = harness.SipServer()  (in a thread of the test
process; SipServer(process=True) runs this file as a child process driven over its control
port). sip.port, sip.host, sip.cert (with tls=True: the self-signed certificate a client
trusts), sip.stop() and sip.start() (the same port again, like an ILS restarting: in a thread
its data, counters and log are kept; a child process starts afresh), sip.close() at the end.
  SipServer(data=None, charset="utf-8", tls=False, process=False, shuffle=False, crlf=False)
  sip.ils_settings(): the [ils] settings for it (a dict, from ils_settings below);
  sip.ils_config(location="KOS", **more): the [ils] section of a frontdesk.conf for it.

THE DATA (DEFAULT_DATA below; load another with --data FILE.json or SipServer(data=...)):
  login: user id (CN) "frontdesk", password (CO) "sip-secret"; institution id (AO) "MMRLS";
  library name (AM) "Mid-Mississippi Regional Library System".
  Cards (patron identifier AA; patron password AD in brackets):
    21000100000001  "Rivera, Ana" (1234): valid; fines 2.50 USD (one fine item); charged:
        31000000000001 "The Overstory"             renewable, due in 7 days
        31000000000002 "Braiding Sweetgrass"       renewable, due in 10 days
        31000000000003 "The Nickel Boys"           another patron's hold on it: refused,
                                                   "Item has holds: it cannot be renewed"
        31000000000004 "Educated"                  3 renewals of 3: refused,
                                                   "Renewal limit reached"
        31000000000005 "The Warmth of Other Suns"  overdue (due 10 days ago), renewable
      hold ready for pickup: 31000000000006 "Interpreter of Maladies" (on the hold shelf at
        location KOS);
      hold not yet available: 31000000000008 (charged to Muñoz).
    21000100000002  "Okafor, Benedict" (5678): blocked: card reported lost, excessive
        outstanding fines (and charge, renewal, hold privileges denied); fines 45.00 USD;
        screen message "Card reported lost. Please see a librarian."; charged
        31000000000010 "Lonesome Dove", refused "Renewal privileges denied: card reported lost".
    21000100000003  "Muñoz, José" (2468): valid, non-ASCII name; charged 31000000000008
        "Cien años de soledad" (Rivera's hold: refused) and 31000000000011 "La sombra del
        viento" (renewable).
    any other card, e.g. 21000100000099: unknown (BL N, patron status "YYYY" + blanks, no name).
  Renewing moves the due date on by 21 days and counts the renewal (limit: renewal_limit, 3).
  A data file has DEFAULT_DATA's shape: institution, library_name, login {user, password},
  renewal_limit, patrons {CARD: {name, password, blocks (names from BLOCKS), fines [{item,
  amount, reason}], messages, renewal_refusal, email, phone}}, items {ID: {title, patron,
  due_days (from today, at 23:59) or due (a SIP2 date), renewals, holds [CARD...],
  on_hold_shelf_for, pickup_days, lost, location (18's AP: where it is now; a hold ready
  waits at its pickup library's code)}}.

THE PROTOCOL, as this server keeps it:
  Messages end with CR ("\\r"; a LF after it is skipped); with crlf, answers end with CR LF,
  as Koha's do unless its account says terminator="CR". Answered: 93 Login -> 94,
  99 SC Status -> 98, 23 -> 24, 63 -> 64, 17 -> 18, 29 -> 30, 65 -> 66, 97 -> the last answer
  again. Before a successful login any other message closes the connection (the spec defines
  no refusal for it); so does an unsupported or malformed message. Every such case is also a
  `violation` (see below), so a test can say what the client did wrong.
  Error detection: when a request ends in AY<n>AZ<xxxx> (or AZ<xxxx>) its checksum is checked
  (two's complement of the 16-bit sum of every byte up to and including "AZ", 4 upper-case
  hex digits); a bad one is answered "96" (with AZ, no AY). The answer then echoes AY<n> and
  carries AZ; a request without AZ is answered without them. 98's BX is "YNNNYYYYNNYNNNYY"
  (set_supported changes it).
  64's summary chooses at most one list (AS hold items ready, AT overdue, AU charged, AV fine
  items, BU recalls, CD unavailable holds), BP/BQ its first/last (1-based). 66 lists renewed
  items in BM and refused ones in BN with one AF per refused item: "TITLE (ITEM): REASON".
  A card that may not renew at all (unknown, a wrong patron password, renewal privileges
  denied) is refused as a whole, as Koha and Evergreen do: "66" with ok 0, counts 0 and 0, no
  BM or BN, and one AF saying why.
  Character set: charset ("utf-8", "latin-1", "cp850") is what bytes on the wire are.

CONTROLS (methods of SipAcs, the same names on SipServer, in a thread or a child process):
  corrupt_next_checksum(n=1, code=None)  the next n answers (with code: the next n of that
                               code, e.g. "98") carry a wrong AZ (a 97 gets the good copy)
  resend_next(n=1)             the next n requests are answered "96" (whatever they were)
  drop_after_next()            the next request is read, logged, and the connection closed
  drop_now()                   every open connection is closed now
  silent(on=True)              requests are read and logged but never answered
  delay(ms, most=None)         each answer waits ms first (0: none); with most, a random
                               time from ms to most
  refuse_logins(on=True)       every login is answered 940
  shuffle(on=True)             variable fields in random order, plus an unknown "ZZ" field
  set_charset(name)            the wire's character set from now on
  crlf(on=True)                answers end with CR LF instead of CR (kept by reset_faults)
  set_supported(bx)            98's BX from now on (16 Y/N), e.g. "Y" * 16
  reset_faults()               all of the above back to normal (BX too)
  received(code=None)          the requests received, decoded: dicts {conn, code, fixed,
                               fields: [[tag, value], ...], seq, checksum_ok, text}
  counters()                   {"93": n, ..., "connections", "logins", "logins_refused",
                               "bad_checksums", "resends" (97s answered), "sc_resends" (96s
                               sent), "drops", "refused_before_login", "answers"}
  violations()                 what the client did against the protocol, in words ([]: none)
  wait_for(key, count=1, timeout=5)  waits until counters()[key] >= count (a message code
                               or any counter: "logins", "drops", ...); True if it did
  patron(card), item(item_id)  the current record (due dates after renewals); None: unknown
  reset_data()                 the data as it was at the start
  clear_log()                  forgets received() and violations() (counters stay)
Over the control port (JSON lines: {"call": NAME, "args": [...]} -> {"ok": result} or
{"error": text}) the same calls are made by SipServer(process=True)."""
import argparse
import codecs
import copy
import datetime
import json
import os
import random
import re
import socket
import ssl
import subprocess
import sys
import threading
import time

INSTITUTION = "MMRLS"
LOGIN_USER = "frontdesk"
LOGIN_PASSWORD = "sip-secret"

# The 14 patron status flags of 24 and 64, in the protocol's order.
BLOCKS = ("charge", "renewal", "recall", "hold", "card_lost", "too_many_charged",
          "too_many_overdue", "too_many_renewals", "too_many_claims", "too_many_lost",
          "excessive_fines", "excessive_fees", "recall_overdue", "too_many_billed")
# 98's BX: patron status, checkout, checkin, block patron, SC/ACS status, resend, login,
# patron information, end session, fee paid, item information, item status update, patron
# enable, hold, renew, renew all.
SUPPORTED = "YNNNYYYYNNYNNNYY"
# Length of each request's fixed part; the requests this server answers.
FIXED = {"93": 2, "99": 8, "23": 21, "63": 31, "17": 18, "29": 38, "65": 18, "97": 0}
REQUIRED = {"93": ("CN", "CO"), "99": (), "23": ("AO", "AA", "AC", "AD"), "63": ("AO", "AA"),
            "17": ("AO", "AB"), "29": ("AO", "AA"), "65": ("AO", "AA"), "97": ()}
# 64's summary positions and the list each chooses.
SUMMARY = ("AS", "AT", "AU", "AV", "BU", "CD")
RENEW_DAYS = 21
SIP_DATE = "%Y%m%d    %H%M%S"  # YYYYMMDDZZZZHHMMSS, the zone blank: local time

RIVERA, OKAFOR, MUNOZ = "21000100000001", "21000100000002", "21000100000003"
UNKNOWN_CARD = "21000100000099"

DEFAULT_DATA = {
    "institution": INSTITUTION,
    "library_name": "Mid-Mississippi Regional Library System",
    "login": {"user": LOGIN_USER, "password": LOGIN_PASSWORD},
    "renewal_limit": 3,
    "patrons": {
        RIVERA: {"name": "Rivera, Ana", "password": "1234", "blocks": [],
                 "fines": [{"item": "31000000000005", "amount": "2.50", "reason": "Overdue"}],
                 "email": "ana.rivera@example.org", "phone": "601-555-0142",
                 "messages": []},
        OKAFOR: {"name": "Okafor, Benedict", "password": "5678",
                 "blocks": ["charge", "renewal", "hold", "card_lost", "excessive_fines"],
                 "fines": [{"item": "31000000000009", "amount": "45.00", "reason": "Lost item"}],
                 "messages": ["Card reported lost. Please see a librarian."],
                 "renewal_refusal": "Renewal privileges denied: card reported lost"},
        MUNOZ: {"name": "Muñoz, José", "password": "2468", "blocks": [], "fines": [],
                "messages": []},
    },
    # due_days: due that many days from today, at 23:59:00 (or "due": a SIP2 date as is).
    # holds: the cards waiting for it, in order; on_hold_shelf_for: ready for that card.
    "items": {
        "31000000000001": {"title": "The Overstory", "patron": RIVERA, "due_days": 7},
        "31000000000002": {"title": "Braiding Sweetgrass", "patron": RIVERA, "due_days": 10,
                           "renewals": 1},
        "31000000000003": {"title": "The Nickel Boys", "patron": RIVERA, "due_days": 3,
                           "holds": [MUNOZ]},
        "31000000000004": {"title": "Educated", "patron": RIVERA, "due_days": 5,
                           "renewals": 3},
        "31000000000005": {"title": "The Warmth of Other Suns", "patron": RIVERA,
                           "due_days": -10},
        "31000000000006": {"title": "Interpreter of Maladies", "on_hold_shelf_for": RIVERA,
                           "holds": [RIVERA], "pickup_days": 6, "location": "KOS"},
        "31000000000007": {"title": "Their Eyes Were Watching God"},
        "31000000000008": {"title": "Cien años de soledad", "patron": MUNOZ, "due_days": 12,
                           "holds": [RIVERA]},
        "31000000000009": {"title": "A Confederacy of Dunces", "lost": True},
        "31000000000010": {"title": "Lonesome Dove", "patron": OKAFOR, "due_days": 2},
        "31000000000011": {"title": "La sombra del viento", "patron": MUNOZ, "due_days": 9},
    },
}


def checksum(data):
    """The SIP2 checksum of bytes (everything through "AZ"): 4 upper-case hex digits."""
    return "%04X" % (-sum(data) & 0xFFFF)


# The [ils] charset name frontdesk knows for each wire character set.
CHARSET_NAMES = {"utf-8": "UTF-8", "iso8859-1": "ISO-8859-1", "cp850": "CP850"}


def ils_settings(data=None, host="127.0.0.1", port=6001, charset="utf-8", cert=None):
    """The [ils] settings a frontdesk.conf needs to talk to this server with data (its login
    and institution, its character set, TLS with cert): the one place they are written. The
    ready line carries them; the tests' harnesses read them from there or from here. The
    branch's location code (CP) is the client's own and is not among them."""
    d = data or DEFAULT_DATA
    out = {"host": host, "port": port, "login": d["login"]["user"],
           "password": d["login"]["password"], "institution": d["institution"],
           "charset": CHARSET_NAMES[codecs.lookup(charset).name]}
    if cert:
        out.update(tls="true", ca_file=cert)
    for k, v in out.items():
        if not str(v) or any(c.isspace() for c in str(v)):
            raise ValueError("[ils] %s = %r: the ready line needs one word" % (k, v))
    return out


def sip_date(when):
    return when.strftime(SIP_DATE)


def parse_sip_date(text):
    """A SIP2 date (YYYYMMDDZZZZHHMMSS) as a naive local datetime; None if it is not one."""
    if len(text) != 18:
        return None
    try:
        return datetime.datetime.strptime(text[:8] + text[12:], "%Y%m%d%H%M%S")
    except ValueError:
        return None


TRAILER = re.compile(rb"(?:AY([0-9])?)?AZ([0-9A-Fa-f]{4})$")


class Request:
    """One request as read off the wire: its code, fixed part, variable fields in order, the
    error-detection trailer's sequence number and whether its checksum held."""

    def __init__(self, raw, charset):
        self.raw = raw
        self.seq = None
        self.has_checksum = False
        self.checksum_ok = True
        body = raw
        m = TRAILER.search(raw)
        if m:
            self.has_checksum = True
            self.seq = m.group(1).decode() if m.group(1) else None
            az = m.end() - 6
            self.checksum_ok = checksum(raw[:az + 2]) == m.group(2).decode()
            self.checksum_case_ok = m.group(2).decode() == m.group(2).decode().upper()
            body = raw[:m.start()]
        self.undecodable = False
        try:
            text = body.decode(charset)
        except UnicodeDecodeError:
            self.undecodable = True
            text = body.decode(charset, errors="replace")
        self.text = text
        self.code = text[:2]
        n = FIXED.get(self.code, 0)
        self.fixed = text[2:2 + n]
        rest = text[2 + n:]
        pieces = rest.split("|")
        self.unterminated = pieces[-1] != ""
        self.fields = [[p[:2], p[2:]] for p in pieces if p]

    def get(self, tag, default=None):
        for t, v in self.fields:
            if t == tag:
                return v
        return default

    def as_dict(self, conn):
        return {"conn": conn, "code": self.code, "fixed": self.fixed, "fields": self.fields,
                "seq": self.seq, "checksum_ok": self.checksum_ok, "text": self.text}


class Catalogue:
    """The ACS's records and what each request does to them; answers are (code, fixed text,
    [[tag, value], ...]) before framing."""

    def __init__(self, data, today=None):
        self.source = copy.deepcopy(data)
        self.today = today
        self.reset()

    def reset(self):
        self.data = copy.deepcopy(self.source)
        now = self.now()
        for item in self.data["items"].values():
            if "due_days" in item:
                due = datetime.datetime.combine(now.date(), datetime.time(23, 59))
                item["due"] = sip_date(due + datetime.timedelta(days=item.pop("due_days")))
            if "pickup_days" in item:
                pick = datetime.datetime.combine(now.date(), datetime.time(23, 59))
                item["pickup"] = sip_date(pick + datetime.timedelta(days=item.pop("pickup_days")))
            item.setdefault("renewals", 0)
            item.setdefault("holds", [])

    def now(self):
        return self.today or datetime.datetime.now().replace(microsecond=0)

    def patron(self, card):
        return self.data["patrons"].get(card)

    def item(self, item_id):
        return self.data["items"].get(item_id)

    def charged(self, card):
        return [i for i, it in self.data["items"].items() if it.get("patron") == card]

    def overdue(self, card):
        now = self.now()
        return [i for i in self.charged(card) if parse_sip_date(self.item(i)["due"]) < now]

    def holds_ready(self, card):
        return [i for i, it in self.data["items"].items() if it.get("on_hold_shelf_for") == card]

    def holds_waiting(self, card):
        return [i for i, it in self.data["items"].items()
                if card in it["holds"] and it.get("on_hold_shelf_for") != card]

    def status_bits(self, p):
        if p is None:  # an unknown card may do nothing
            return "YYYY" + " " * 10
        return "".join("Y" if b in p["blocks"] else " " for b in BLOCKS)

    def fee_fields(self, p):
        if not p or not p["fines"]:
            return []
        total = sum(float(f["amount"]) for f in p["fines"])
        return [["BH", "USD"], ["BV", "%.2f" % total]]

    def password_field(self, p, req):
        pw = req.get("AD")
        if not pw:
            return []
        return [["CQ", "Y" if p and p.get("password") == pw else "N"]]

    def patron_status(self, req):
        card = req.get("AA", "")
        p = self.patron(card)
        fixed = self.status_bits(p) + "001" + sip_date(self.now())
        fields = [["AO", self.data["institution"]], ["AA", card],
                  ["AE", p["name"] if p else ""], ["BL", "Y" if p else "N"]]
        fields += self.password_field(p, req) + self.fee_fields(p)
        msgs = p["messages"] if p else ["Patron not found"]
        return "24", fixed, fields + [["AF", m] for m in msgs]

    def patron_information(self, req):
        card = req.get("AA", "")
        p = self.patron(card)
        summary = req.fixed[21:31]
        lists = {
            "AS": self.holds_ready(card) if p else [],
            "AT": self.overdue(card) if p else [],
            "AU": self.charged(card) if p else [],
            "AV": [f["item"] for f in p["fines"]] if p else [],
            "BU": [],
            "CD": self.holds_waiting(card) if p else [],
        }
        counts = "".join("%04d" % len(lists[t]) for t in SUMMARY)
        fixed = self.status_bits(p) + "001" + sip_date(self.now()) + counts
        fields = [["AO", self.data["institution"]], ["AA", card],
                  ["AE", p["name"] if p else ""], ["BZ", "0010"], ["CA", "0005"],
                  ["CB", "0050"], ["BL", "Y" if p else "N"]]
        fields += self.password_field(p, req) + self.fee_fields(p)
        chosen = [SUMMARY[i] for i, c in enumerate(summary[:6]) if c == "Y"]
        if chosen:
            ids = lists[chosen[0]]
            start = int(req.get("BP") or 1)
            end = int(req.get("BQ") or len(ids))
            fields += [[chosen[0], i] for i in ids[max(start, 1) - 1:end]]
        if p and p.get("email"):
            fields.append(["BE", p["email"]])
        if p and p.get("phone"):
            fields.append(["BF", p["phone"]])
        msgs = p["messages"] if p else ["Patron not found"]
        return "64", fixed, fields + [["AF", m] for m in msgs]

    def item_information(self, req):
        item_id = req.get("AB", "")
        it = self.item(item_id)
        now = sip_date(self.now())
        if it is None:
            return "18", "01" + "01" + "01" + now, [["AB", item_id], ["AJ", ""],
                                                    ["AF", "Item not found"]]
        if it.get("patron"):
            status = "04"  # charged
        elif it.get("on_hold_shelf_for"):
            status = "08"  # waiting on hold shelf
        elif it.get("lost"):
            status = "12"
        else:
            status = "03"  # available
        fields = [["CF", "%d" % len(it["holds"])]]
        if it.get("due"):
            fields.append(["AH", it["due"]])
        if it.get("pickup"):
            fields.append(["CM", it["pickup"]])
        fields += [["AB", item_id], ["AJ", it["title"]], ["BG", self.data["institution"]],
                   ["AQ", "Main stacks"], ["AP", it.get("location", "Main stacks")]]
        return "18", status + "01" + "01" + now, fields

    def refusal(self, card, p, item_id, it, req):
        """Why this item cannot be renewed for this card now; None: it can."""
        if p is None:
            return "Patron not found"
        pw = req.get("AD")
        if pw and pw != p.get("password"):
            return "Invalid patron password"
        if it is None:
            return "Item not found"
        if it.get("patron") != card:
            return "Item is not checked out to this patron"
        if "renewal" in p["blocks"]:
            return p.get("renewal_refusal", "Renewal privileges denied")
        if any(h != card for h in it["holds"]):
            return "Item has holds: it cannot be renewed"
        if it["renewals"] >= self.data.get("renewal_limit", 3):
            return "Renewal limit reached"
        return None

    def renew_item(self, it):
        due = parse_sip_date(it["due"]) + datetime.timedelta(days=RENEW_DAYS)
        it["due"] = sip_date(due)
        it["renewals"] += 1

    def renew(self, req):
        card = req.get("AA", "")
        item_id = req.get("AB") or ""
        if not item_id and req.get("AJ"):  # by title: the patron's item with that title
            item_id = next((i for i in self.charged(card)
                            if self.item(i)["title"] == req.get("AJ")), "")
        p, it = self.patron(card), self.item(item_id)
        why = self.refusal(card, p, item_id, it, req)
        if why is None:
            self.renew_item(it)
        fixed = ("1Y" if why is None else "0N") + "NU" + sip_date(self.now())
        fields = [["AO", self.data["institution"]], ["AA", card], ["AB", item_id],
                  ["AJ", it["title"] if it else ""], ["AH", it["due"] if why is None else ""]]
        if why is None:
            fields.append(["AF", "Renewed: due " + it["due"][:8]])
        else:
            fields.append(["AF", why])
        return "30", fixed, fields

    def renew_all(self, req):
        card = req.get("AA", "")
        p = self.patron(card)
        fixed_end = sip_date(self.now())
        fields = [["AO", self.data["institution"]], ["AA", card]]
        # A card that may not renew at all is refused as a whole: ok 0, no BM/BN, one AF
        # (Koha: "Renewals not allowed", Evergreen: "Invalid patron" and the like).
        whole = None
        if p is None:
            whole = "Patron not found"
        elif req.get("AD") and req.get("AD") != p.get("password"):
            whole = "Invalid patron password"
        elif "renewal" in p["blocks"]:
            whole = p.get("renewal_refusal", "Renewal privileges denied")
        if whole:
            return "66", "0" + "00000000" + fixed_end, fields + [["AF", whole]]
        renewed, refused = [], []
        for item_id in self.charged(card):
            it = self.item(item_id)
            why = self.refusal(card, p, item_id, it, req)
            if why is None:
                self.renew_item(it)
                renewed.append(item_id)
            else:
                refused.append((item_id, "%s (%s): %s" % (it["title"], item_id, why)))
        fixed = "1" + "%04d%04d" % (len(renewed), len(refused)) + fixed_end
        fields += [["BM", i] for i in renewed] + [["BN", i] for i, _ in refused]
        fields += [["AF", why] for _, why in refused]
        return "66", fixed, fields


class Faults:
    def __init__(self):
        self.corrupt = 0
        self.resend = 0
        self.drop_after = False
        self.silent = False
        self.delay_ms = 0
        self.delay_most_ms = 0
        self.refuse_logins = False
        self.shuffle = False
        self.corrupt_code = None
        self.supported = SUPPORTED


class SipAcs:
    """The server: a listening socket, a thread per connection, the catalogue, the faults the
    test asks for, and a log of what came. start() binds (port 0: a free one), stop() closes."""

    def __init__(self, data=None, host="127.0.0.1", port=0, charset="utf-8", tls=None,
                 require_login=True, today=None, echo=False, crlf=False):
        self.data = data
        self.ends_crlf = crlf  # not a fault: reset_faults keeps it
        self.catalogue = Catalogue(data or DEFAULT_DATA, today)
        self.host, self.port = host, port
        self.charset = charset
        self.tls = tls  # (certificate file, key file) or None
        self.require_login = require_login
        self.echo = echo
        self.lock = threading.RLock()
        self.cond = threading.Condition(self.lock)
        self.faults = Faults()
        self.log = []
        self.problems = []
        self.count = {}
        self.conns = {}
        self.next_conn = 0
        self.listener = None
        self.running = False

    # --- running ---

    def start(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((self.host, self.port))
        s.listen(16)
        self.port = s.getsockname()[1]
        self.listener = s
        self.running = True
        self.context = None
        if self.tls:
            self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.context.load_cert_chain(*self.tls)
        threading.Thread(target=self._accept, args=(s,), daemon=True).start()
        return self

    def stop(self):
        self.running = False
        if self.listener:
            try:
                self.listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.listener.close()
            self.listener = None
        self.drop_now(count=False)

    def _accept(self, listener):
        while self.running:
            try:
                sock, _ = listener.accept()
            except OSError:
                return
            with self.lock:
                self.next_conn += 1
                n = self.next_conn
                self._bump("connections")
            threading.Thread(target=self._serve, args=(sock, n), daemon=True).start()

    def _serve(self, sock, n):
        try:
            if self.context:
                sock.settimeout(10)
                sock = self.context.wrap_socket(sock, server_side=True)
                sock.settimeout(None)
        except (OSError, ssl.SSLError) as e:
            self._violation(n, "TLS handshake failed: %s" % e)
            sock.close()
            return
        with self.lock:
            self.conns[n] = sock
        state = {"logged_in": False, "last": None}
        buf = b""
        try:
            while self.running:
                while b"\r" not in buf:
                    data = sock.recv(4096)
                    if not data:
                        return
                    buf += data
                raw, buf = buf.split(b"\r", 1)
                if buf.startswith(b"\n"):
                    buf = buf[1:]
                if raw.startswith(b"\n"):
                    raw = raw[1:]
                if not self._handle(sock, n, raw, state):
                    return
        except OSError:
            return
        finally:
            with self.lock:
                self.conns.pop(n, None)
            try:
                sock.close()
            except OSError:
                pass

    # --- one request ---

    def _handle(self, sock, n, raw, state):
        """Answers one request; False: the connection is to be closed."""
        with self.lock:
            charset = self.charset
        req = Request(raw, charset)
        with self.lock:
            self.log.append(req.as_dict(n))
            self._bump(req.code)
            self.cond.notify_all()
            f = self.faults
            if self.echo:
                print("<- [%d] %s" % (n, req.text), flush=True)
            if f.drop_after:
                f.drop_after = False
                self._bump("drops")
                return False
            if f.silent:
                return True
            if not req.checksum_ok:
                self._bump("bad_checksums")
            forced = f.resend > 0
            if forced:
                f.resend -= 1
        if not req.checksum_ok or forced:
            self._bump("sc_resends")
            return self._send(sock, n, self._frame("96", "", [], None, req.has_checksum), None)
        self._check(n, req)
        if req.code == "97":
            with self.lock:
                self._bump("resends")
            if state["last"] is None:
                self._violation(n, "97 before any answer to resend")
                return self._send(sock, n, self._frame("96", "", [], None, True), None)
            return self._send(sock, n, state["last"], None)
        if req.code not in FIXED:
            self._violation(n, "message %r is not one this ACS supports (BX)" % req.code)
            return False
        if req.code != "93" and self.require_login and not state["logged_in"]:
            with self.lock:
                self._bump("refused_before_login")
            self._violation(n, "message %s before a successful login" % req.code)
            return False
        try:
            code, fixed, fields = self._answer(req, state)
        except (ValueError, KeyError, TypeError) as e:
            self._violation(n, "%s: cannot be answered (%s: %s)" % (req.code, type(e).__name__, e))
            return False
        out = self._frame(code, fixed, fields, req.seq, req.has_checksum)
        return self._send(sock, n, out, state)

    def _check(self, n, req):
        """Records what the request does against the protocol (it is answered anyway)."""
        if req.has_checksum and not req.checksum_case_ok:
            self._violation(n, "%s: checksum in lower-case hex" % req.code)
        if req.undecodable:
            self._violation(n, "%s: not %s text" % (req.code, self.charset))
        if req.code not in FIXED:
            return
        if len(req.fixed) < FIXED[req.code]:
            self._violation(n, "%s: fixed part shorter than %d" % (req.code, FIXED[req.code]))
        if req.code != "97" and req.unterminated:
            self._violation(n, "%s: a field without its closing '|'" % req.code)
        tags = [t for t, _ in req.fields]
        for t in REQUIRED[req.code]:
            if t not in tags:
                self._violation(n, "%s: required field %s missing" % (req.code, t))
        if "AO" in tags and req.get("AO") != self.catalogue.data["institution"]:
            self._violation(n, "%s: institution id %r is not %r" %
                            (req.code, req.get("AO"), self.catalogue.data["institution"]))
        dates = {"23": 3, "63": 3, "17": 0, "29": 2, "65": 0}
        if req.code in dates:
            at = dates[req.code]
            if parse_sip_date(req.fixed[at:at + 18]) is None:
                self._violation(n, "%s: transaction date %r is not YYYYMMDDZZZZHHMMSS" %
                                (req.code, req.fixed[at:at + 18]))
        summary = req.fixed[21:31]
        if req.code == "63" and summary.count("Y") > 1:
            self._violation(n, "63: summary %r asks for more than one list" % summary)
        if req.code == "63" and (summary[6:].strip() or summary.strip(" Y")):
            self._violation(n, "63: summary %r: only Y or blank, positions 7-10 blank" % summary)
        if req.code == "99" and req.fixed[4:8] != "2.00":
            self._violation(n, "99: protocol version %r is not 2.00" % req.fixed[4:8])
        if req.seq is None and req.has_checksum and req.code != "97":
            self._violation(n, "%s: checksum without a sequence number (AY)" % req.code)
        if req.code == "97" and req.seq is not None:
            self._violation(n, "97 with a sequence number (the spec: never, only AZ)")

    def _answer(self, req, state):
        cat = self.catalogue
        with self.lock:
            if req.code == "93":
                login = cat.data["login"]
                ok = (not self.faults.refuse_logins and req.get("CN") == login["user"] and
                      req.get("CO") == login["password"])
                state["logged_in"] = ok
                self._bump("logins" if ok else "logins_refused")
                state["location"] = req.get("CP")
                return "94", "1" if ok else "0", []
            if req.code == "99":
                fixed = "YNNYNN" + "010" + "003" + sip_date(cat.now()) + "2.00"
                fields = [["AO", cat.data["institution"]], ["AM", cat.data["library_name"]],
                          ["BX", self.faults.supported]]
                if state.get("location"):
                    fields.append(["AN", state["location"]])
                return "98", fixed, fields
            return {"23": cat.patron_status, "63": cat.patron_information,
                    "17": cat.item_information, "29": cat.renew,
                    "65": cat.renew_all}[req.code](req)

    def _frame(self, code, fixed, fields, seq, with_checksum):
        """The answer's bytes on the wire, with the trailer when asked and the final CR."""
        fields = [list(f) for f in fields]
        with self.lock:
            shuffle, charset, crlf = self.faults.shuffle, self.charset, self.ends_crlf
        if shuffle and fields:
            random.shuffle(fields)
            fields.insert(random.randrange(len(fields) + 1), ["ZZ", "an unknown field"])
        text = code + fixed + "".join(t + v.replace("|", "/") + "|" for t, v in fields)
        body = text.encode(charset, errors="replace")
        if with_checksum:
            if seq is not None and code != "96":
                body += b"AY" + seq.encode()
            body += b"AZ"
            body += checksum(body).encode()
        return body + (b"\r\n" if crlf else b"\r")

    def _send(self, sock, n, out, state):
        with self.lock:
            f = self.faults
            delay = f.delay_ms if not f.delay_most_ms else \
                random.randint(f.delay_ms, max(f.delay_ms, f.delay_most_ms))
            corrupt = f.corrupt > 0 and out[:2] != b"96" and \
                (f.corrupt_code is None or out[:2] == f.corrupt_code.encode())
            if corrupt:
                f.corrupt -= 1
            self._bump("answers")
        if state is not None:
            state["last"] = out  # what a 97 gets: always the good copy
        wire = out
        if corrupt:
            end = out[len(out.rstrip(b"\r\n")):]
            body = out[:-len(end)]
            bad = (int(body[-4:], 16) ^ 0x1111) & 0xFFFF if body[-6:-4] == b"AZ" else None
            wire = (body[:-4] + ("%04X" % bad).encode() if bad is not None
                    else body + b"AZ0000") + end
        if delay:
            time.sleep(delay / 1000)
        if self.echo:
            print("-> [%d] %s" % (n, wire.rstrip(b"\r\n").decode(self.charset,
                                                              errors="replace")), flush=True)
        sock.sendall(wire)
        return True

    def _bump(self, key):
        with self.lock:
            self.count[key] = self.count.get(key, 0) + 1
            self.cond.notify_all()

    def _violation(self, n, text):
        with self.lock:
            self.problems.append("connection %d: %s" % (n, text))
            if self.echo:
                print("!! [%d] %s" % (n, text), flush=True)

    # --- controls (see the module's docstring) ---

    def corrupt_next_checksum(self, n=1, code=None):
        with self.lock:
            self.faults.corrupt = n
            self.faults.corrupt_code = code

    def resend_next(self, n=1):
        with self.lock:
            self.faults.resend = n

    def drop_after_next(self):
        with self.lock:
            self.faults.drop_after = True

    def drop_now(self, count=True):
        with self.lock:
            conns = list(self.conns.values())
            self.conns.clear()
            if count and conns:
                self._bump("drops")
        for s in conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                s.close()
            except OSError:
                pass

    def silent(self, on=True):
        with self.lock:
            self.faults.silent = bool(on)

    def delay(self, ms, most=None):
        with self.lock:
            self.faults.delay_ms = int(ms)
            self.faults.delay_most_ms = int(most or 0)

    def refuse_logins(self, on=True):
        with self.lock:
            self.faults.refuse_logins = bool(on)

    def shuffle(self, on=True):
        with self.lock:
            self.faults.shuffle = bool(on)

    def crlf(self, on=True):
        with self.lock:
            self.ends_crlf = bool(on)

    def set_supported(self, bx):
        if len(bx) != 16 or set(bx) - {"Y", "N"}:
            raise ValueError("BX is 16 Y or N: %r" % bx)
        with self.lock:
            self.faults.supported = bx

    def set_charset(self, name):
        "".encode(name)  # an unknown name fails here, not at the next message
        with self.lock:
            self.charset = name

    def reset_faults(self):
        with self.lock:
            self.faults = Faults()

    def ils_settings(self):
        return ils_settings(self.data, self.host, self.port, self.charset,
                            self.tls[0] if self.tls else None)

    def received(self, code=None):
        with self.lock:
            return [copy.deepcopy(m) for m in self.log if code is None or m["code"] == code]

    def counters(self):
        with self.lock:
            return dict(self.count)

    def violations(self):
        with self.lock:
            return list(self.problems)

    def wait_for(self, key, count=1, timeout=5):
        deadline = time.monotonic() + timeout
        with self.cond:
            while self.count.get(key, 0) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(left)
            return True

    def patron(self, card):
        with self.lock:
            return copy.deepcopy(self.catalogue.patron(card))

    def item(self, item_id):
        with self.lock:
            return copy.deepcopy(self.catalogue.item(item_id))

    def reset_data(self):
        with self.lock:
            self.catalogue.reset()

    def clear_log(self):
        with self.lock:
            self.log.clear()
            self.problems.clear()


CONTROLS = ("corrupt_next_checksum", "resend_next", "drop_after_next", "drop_now", "silent",
            "delay", "refuse_logins", "shuffle", "set_charset", "crlf", "set_supported",
            "reset_faults", "ils_settings", "received",
            "counters", "violations", "wait_for", "patron", "item", "reset_data", "clear_log")


def serve_control(acs, port):
    """The control port: JSON lines {"call": NAME, "args": [...]}, one answer line each."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(4)

    def one(conn):
        with conn, conn.makefile("rw", encoding="utf-8") as f:
            for line in f:
                try:
                    msg = json.loads(line)
                    if msg.get("call") not in CONTROLS:
                        raise ValueError("no such control: %r" % msg.get("call"))
                    out = {"ok": getattr(acs, msg["call"])(*msg.get("args", []))}
                except Exception as e:  # the answer says what went wrong; the port stays up
                    out = {"error": str(e)}
                f.write(json.dumps(out) + "\n")
                f.flush()

    def loop():
        while True:
            conn, _ = s.accept()
            threading.Thread(target=one, args=(conn,), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()
    return s.getsockname()[1]


def self_signed_certificate(folder, name="localhost", alt_names="DNS:localhost,IP:127.0.0.1"):
    """A certificate and key for 127.0.0.1 and localhost (or alt_names), made with the openssl
    command in folder; returns (certificate file, key file)."""
    cert, key = os.path.join(folder, "acs.crt"), os.path.join(folder, "acs.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "30", "-subj", "/CN=" + name, "-addext",
                    "subjectAltName=" + alt_names],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def main():
    ap = argparse.ArgumentParser(description="The tests' SIP2 server (ACS).")
    ap.add_argument("--port", type=int, default=6001)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    ap.add_argument("--charset", default="utf-8")
    ap.add_argument("--data", help="a JSON file in DEFAULT_DATA's shape")
    ap.add_argument("--control", type=int, default=0, help="the control port (0: a free one)")
    ap.add_argument("--shuffle", action="store_true", help="fields in any order, plus ZZ")
    ap.add_argument("--crlf", action="store_true", help="answers end with CR LF (Koha's way)")
    ap.add_argument("--quiet", action="store_true", help="do not print each message")
    args = ap.parse_args()
    data = None
    if args.data:
        with open(args.data, encoding="utf-8") as f:
            data = json.load(f)
    acs = SipAcs(data, host=args.host, port=args.port, charset=args.charset,
                 tls=tuple(args.tls) if args.tls else None, echo=not args.quiet).start()
    acs.set_charset(args.charset)
    if args.shuffle:
        acs.shuffle(True)
    if args.crlf:
        acs.crlf(True)
    control = serve_control(acs, args.control)
    print("ready %d %d %s" % (acs.port, control,
                              " ".join("%s=%s" % kv for kv in acs.ils_settings().items())),
          flush=True)
    d = acs.catalogue.data
    print("SIP2 ACS on %s:%d%s, charset %s, control port %d" %
          (args.host, acs.port, " (TLS)" if args.tls else "", args.charset, control))
    print("login %s / %s, institution %s (%s)" % (d["login"]["user"], d["login"]["password"],
                                                   d["institution"], d["library_name"]))
    for card, p in d["patrons"].items():
        print("  card %s  %s (password %s)%s" % (card, p["name"], p.get("password", ""),
                                                  "  blocked: " + ", ".join(p["blocks"])
                                                  if p["blocks"] else ""))
        for i in acs.catalogue.charged(card):
            print("    item %s  %s  due %s" % (i, d["items"][i]["title"], d["items"][i]["due"]))
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        acs.stop()


if __name__ == "__main__":
    main()
