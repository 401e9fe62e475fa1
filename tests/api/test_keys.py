"""The installation's signing key: the secret half in a key file only its owner may
read, never in the database nor in a backup; a key file others may read, or that holds another
key than the database's, is refused; an older installation's key moves out of the database;
and demo accounts each have their own salted password hash."""
import base64
import hashlib
import os
import shutil
import stat
import subprocess
from datetime import datetime, timedelta, timezone

import harness
from harness import BIN, Db, Server, env, free_port

SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "src", "store", "schema")


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("coordinator", "branch_services_coordinator", "HQ"),
                                ("kos.staff", "staff", "KOS"),
                                ("kos.manager", "branch_manager", "KOS")]:
        ctx[login] = db.add_user(login, role, branch)
    ctx["srv"] = Server(db)  # makes the key: serve checks it can sign before it listens
    for login in ("kos.staff", "kos.manager"):
        assert ctx["srv"].api("POST", "/api/v1/duty", {"branch": "KOS"},
                              token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def key_of(path):
    """(the key file's text, the 64-byte secret key, its public half) of a key file."""
    with open(path) as f:
        text = f.read().strip()
    sk = base64.b64decode(text)
    assert len(sk) == 64, text
    return text, sk, sk[32:]  # libsodium's secret key ends with its public key


def fingerprint(pk):
    return hashlib.blake2b(pk, digest_size=8).hexdigest()


def secrets_of(path):
    """Every form the key could be stored in: its file's text, and the seed it starts with,
    raw and in base64."""
    text, sk, _ = key_of(path)
    return [text.encode(), sk, sk[:32], base64.b64encode(sk[:32]).rstrip(b"=")]


def serve_refuses(db, extra_env=None):
    """Starts serve and expects it to refuse before it listens: returns what it said."""
    p = subprocess.run([BIN, "--db", db.url, "serve", "--listen", f"127.0.0.1:{free_port()}"],
                       capture_output=True, text=True, timeout=60, cwd=db.dir,
                       env={**env(), **db.env, **(extra_env or {})})
    harness.check_sanitizers(p.stderr, "frontdesk serve")
    assert p.returncode == 1, f"serve exited {p.returncode}:\n{p.stderr}"
    return p.stderr


def sign_incident(ctx):
    """A theft report at KOS, told to Headquarters and signed: (status, body)."""
    srv, t = ctx["srv"], ctx["kos.staff"]
    when = (datetime.now(timezone.utc) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, r = srv.api("POST", "/api/v1/incidents", {
        "branch": "KOS", "occurred_at": when, "category": "theft",
        "narrative": "A laptop was taken from the study room."}, token=t)
    assert status == 201, r
    status, r = srv.api("POST", f"/api/v1/incidents/{r['id']}/hq-notified",
                        {"taken_by": "coordinator"}, token=t)
    assert status == 200, r
    ctx["incident"] = r["id"]
    return srv.api("POST", f"/api/v1/incidents/{r['id']}/sign", {"typed_name": "Kos Staff"},
                   token=t)


def test_the_key_file_is_made_0600_and_the_database_holds_only_the_public_key(ctx):
    db = ctx["db"]
    assert stat.S_IMODE(os.stat(db.key_file).st_mode) == 0o600
    _, _, pk = key_of(db.key_file)
    assert db.sql("SELECT public_key FROM signing_key") == [[base64.b64encode(pk).decode()]]
    if harness.BACKEND == "sqlite":
        columns = [r[1] for r in db.sql("PRAGMA table_info(signing_key)")]
    else:
        columns = [r[0] for r in db.sql("SELECT column_name FROM information_schema.columns "
                                        "WHERE table_name = 'signing_key'")]
    assert sorted(columns) == ["created_at", "id", "public_key"], columns
    # The whole database as a backup of either kind would hold it (pg_dump, or every row).
    dump = db.snapshot().encode()
    for secret in secrets_of(db.key_file):
        assert secret not in dump
    if harness.BACKEND == "sqlite":
        for name in os.listdir(db.dir):
            if name.startswith("frontdesk.db") and not name.endswith(".key"):
                with open(os.path.join(db.dir, name), "rb") as f:
                    data = f.read()
                for secret in secrets_of(db.key_file):
                    assert secret not in data, name


def test_a_report_is_signed_with_the_key_file_and_verified_without_it(ctx):
    db = ctx["db"]
    status, r = sign_incident(ctx)
    assert status == 200 and r["status"] == "signed", r
    _, _, pk = key_of(db.key_file)
    assert r["signed"]["key_fingerprint"] == fingerprint(pk)
    # Verifying needs only the public key, which is in the database.
    shutil.move(db.key_file, db.key_file + ".away")
    try:
        assert "valid" in db.cli("incident", "verify", str(ctx["incident"])).out
    finally:
        shutil.move(db.key_file + ".away", db.key_file)


def test_a_key_file_others_may_read_is_refused(ctx):
    db = ctx["db"]
    os.chmod(db.key_file, 0o644)
    try:
        err = db.cli("audit", "anchor", expect=1).err
        assert db.key_file in err and "chmod 600" in err and "0644" in err, err
        err = serve_refuses(db)
        assert db.key_file in err and "chmod 600" in err, err
    finally:
        os.chmod(db.key_file, 0o600)
    assert "anchored entry" in db.cli("audit", "anchor").out


def another_installations_key():
    other = Db()
    other.cli("init")
    other.add_user("someone", "executive_director")
    other.cli("audit", "anchor")
    return other.key_file


def test_a_key_file_that_is_not_the_installations_refuses_to_sign(ctx):
    db = ctx["db"]
    other = another_installations_key()
    ours, wrong = key_of(db.key_file)[2], key_of(other)[2]
    assert wrong != ours
    shutil.copy(db.key_file, db.key_file + ".ours")
    shutil.copy(other, db.key_file)  # mode and all: only the key is wrong
    try:
        err = db.cli("audit", "anchor", expect=1).err
        assert fingerprint(wrong) in err and fingerprint(ours) in err, err
        # The running node signs nothing with it either; the report stays a draft.
        status, r = sign_incident(ctx)
        assert status == 500, r
        said = str(r) + ctx["srv"].output()
        assert fingerprint(wrong) in said and fingerprint(ours) in said, said
        status, r = ctx["srv"].api("GET", f"/api/v1/incidents/{ctx['incident']}",
                                   token=ctx["kos.staff"])
        assert r["status"] == "draft", r
        err = serve_refuses(db)
        assert fingerprint(wrong) in err and fingerprint(ours) in err, err
    finally:
        os.replace(db.key_file + ".ours", db.key_file)
    status, r = ctx["srv"].api("POST", f"/api/v1/incidents/{ctx['incident']}/sign",
                               {"typed_name": "Kos Staff"}, token=ctx["kos.staff"])
    assert status == 200 and r["signed"]["key_fingerprint"] == fingerprint(ours), r


def test_a_missing_key_file_is_not_replaced_by_a_new_key(ctx):
    db = ctx["db"]
    _, _, pk = key_of(db.key_file)
    shutil.move(db.key_file, db.key_file + ".away")
    try:
        err = db.cli("audit", "anchor", expect=1).err
        assert fingerprint(pk) in err and "not on this node" in err, err
        assert not os.path.exists(db.key_file)
        assert fingerprint(pk) in serve_refuses(db)
        assert not os.path.exists(db.key_file)
    finally:
        shutil.move(db.key_file + ".away", db.key_file)


def test_postgresql_needs_its_key_file_named(ctx):
    if harness.BACKEND != "postgresql":
        return  # SQLite's key file is beside its database
    err = serve_refuses(ctx["db"], {"FRONTDESK_SIGNING_KEY_FILE": ""})
    assert "signing_key_file" in err and "regional.md" in err, err


def test_a_backup_is_0600_and_holds_no_secret_key(ctx):
    db = ctx["db"]
    path = os.path.join(db.dir, "backup.db")
    if harness.BACKEND == "postgresql":
        assert "pg_dump" in db.cli("backup", path, expect=1).err
        assert not os.path.exists(path)
        return
    old = os.umask(0)  # the backup's mode must not depend on the operator's umask
    try:
        assert "backed up" in db.cli("backup", path).out
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path, "rb") as f:
        data = f.read()
    for secret in secrets_of(db.key_file):
        assert secret not in data
    assert b"kos.staff" in data  # a real copy, not an empty file


def old_database():
    """A database as frontdesk made it before migration 18, by hand."""
    db = Db()
    db.script("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
              "applied_at BIGINT NOT NULL)")
    folder = os.path.join(SCHEMA, harness.BACKEND)
    for name in sorted(os.listdir(folder)):
        if int(name[:3]) < 18:
            with open(os.path.join(folder, name)) as f:
                db.script(f.read())
            db.execute(f"INSERT INTO schema_migration VALUES ({int(name[:3])}, '{name}', 0)")
    return db


def test_an_older_installations_key_moves_out_of_the_database(ctx):
    text, sk, pk = key_of(ctx["db"].key_file)  # a real key, as an older version kept it
    db = old_database()
    db.execute("INSERT INTO signing_key (id, public_key, secret_key, created_at) VALUES "
               f"(1, '{base64.b64encode(pk).decode()}', '{text}', 0)")
    if harness.BACKEND == "postgresql":
        named, db.env = db.env, {}
        err = db.cli("init", expect=1).err
        db.env = named
        assert "signing_key_file" in err, err
        assert db.sql("SELECT secret_key FROM signing_key") == [[text]]  # nothing lost
    out = db.cli("init").out
    assert f"moved the installation's signing key out of the database into {db.key_file}" in out
    assert db.sql("SELECT count(*) FROM schema_migration WHERE version = 18") == [["1"]]
    assert stat.S_IMODE(os.stat(db.key_file).st_mode) == 0o600
    assert key_of(db.key_file)[1] == sk
    dump = db.snapshot().encode()
    for secret in secrets_of(db.key_file):
        assert secret not in dump
    db.add_user("someone", "executive_director")
    assert fingerprint(pk) in db.cli("audit", "anchor").out  # signs on with the same key
    assert "already up to date" in db.cli("init").out


def test_an_older_key_is_not_moved_over_another_key_file(ctx):
    text, _, pk = key_of(ctx["db"].key_file)
    db = old_database()
    db.execute("INSERT INTO signing_key (id, public_key, secret_key, created_at) VALUES "
               f"(1, '{base64.b64encode(pk).decode()}', '{text}', 0)")
    other = another_installations_key()
    shutil.copy(other, db.key_file)
    err = db.cli("init", expect=1).err
    assert "nothing was moved" in err and fingerprint(pk) in err, err
    # The key stays where it was, and the database at its old schema.
    assert db.sql("SELECT secret_key FROM signing_key") == [[text]]
    assert db.sql("SELECT count(*) FROM schema_migration WHERE version = 18") == [["0"]]
    assert key_of(db.key_file) == key_of(other)


def test_migration_18_never_drops_a_key_that_was_not_moved(ctx):
    # As an older frontdesk's init would run it, without moving the key first.
    text, _, pk = key_of(ctx["db"].key_file)
    db = old_database()
    db.execute("INSERT INTO signing_key (id, public_key, secret_key, created_at) VALUES "
               f"(1, '{base64.b64encode(pk).decode()}', '{text}', 0)")
    with open(os.path.join(SCHEMA, harness.BACKEND, "018_key_file_and_anchors.sql")) as f:
        migration = f.read()
    try:
        db.script(migration)
    except Exception as e:  # sqlite3.IntegrityError, or psql's error
        said = str(e)
    else:
        raise AssertionError("migration 18 ran with the secret key still in the database")
    assert "signing_key" in said or "signing key" in said, said
    assert db.sql("SELECT secret_key FROM signing_key") == [[text]]


def test_demo_accounts_each_have_their_own_salted_hash(ctx):
    db = Db()
    db.cli("demo")
    hashes = [r[0] for r in db.sql("SELECT password_hash FROM staff WHERE password_hash IS NOT "
                                   "NULL AND password_hash <> ''")]
    assert len(hashes) == 26, hashes
    salts = {h.split("$")[4] for h in hashes}  # $argon2id$v=19$m=...,t=...,p=...$SALT$HASH
    assert len(set(hashes)) == 26 and len(salts) == 26, hashes
    assert all(h.startswith("$argon2id$v=19$m=65536,t=2,p=1$") for h in hashes), hashes[0]
    srv = Server(db)
    try:
        for login in ("director", "kos.staff", "goo.volunteer"):
            status, _, body = srv.request("POST", "/api/v1/login",
                                          f'{{"login":"{login}","password":"frontdesk-demo"}}',
                                          {"Content-Type": "application/json"})
            assert status == 200, body
    finally:
        srv.stop()
