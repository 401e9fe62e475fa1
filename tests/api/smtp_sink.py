"""A real SMTP server for the tests: Python's own smtpd, on a loopback port, that keeps each
message it accepts as a file in a folder. Run as: smtp_sink.py PORT FOLDER."""
import os
import sys
import warnings

# asyncore and smtpd are in the standard library up to Python 3.11, deprecated.
warnings.simplefilter("ignore", DeprecationWarning)
import asyncore  # noqa: E402
import smtpd  # noqa: E402


class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        folder = self.folder
        n = len([f for f in os.listdir(folder) if f.endswith(".eml")])
        tmp = os.path.join(folder, f".{n}.tmp")
        with open(tmp, "wb") as f:
            f.write(b"X-Rcpt-To: " + ",".join(rcpttos).encode() + b"\r\n")
            f.write(data if isinstance(data, bytes) else data.encode())
        os.rename(tmp, os.path.join(folder, f"{n:05d}.eml"))


port, folder = int(sys.argv[1]), sys.argv[2]
server = Sink(("127.0.0.1", port), None, decode_data=False)
server.folder = folder
print("ready", flush=True)
asyncore.loop(timeout=0.2)
