"""A real SMTP server for the tests: Python's own smtpd, on a loopback port, that keeps each
message it accepts as a file in a folder. Run as: smtp_sink.py PORT FOLDER.

While the file HANG_UP_FLAG exists in the folder, the next message is kept but the connection
is closed instead of answering 250 (the flag is removed): a server that crashed while it
acknowledged the message, so the sender cannot know it arrived."""
import os
import sys
import warnings

# asyncore and smtpd are in the standard library up to Python 3.11, deprecated.
warnings.simplefilter("ignore", DeprecationWarning)
import asyncore  # noqa: E402
import smtpd  # noqa: E402


HANG_UP_FLAG = "hang-up-after-data"
HANG_UP = "hang up"  # process_message's answer for: close the connection, say nothing


class Channel(smtpd.SMTPChannel):
    def push(self, msg):
        if msg == HANG_UP:
            self.close()
            return
        super().push(msg)


class Sink(smtpd.SMTPServer):
    channel_class = Channel

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        folder = self.folder
        n = len([f for f in os.listdir(folder) if f.endswith(".eml")])
        tmp = os.path.join(folder, f".{n}.tmp")
        with open(tmp, "wb") as f:
            f.write(b"X-Rcpt-To: " + ",".join(rcpttos).encode() + b"\r\n")
            f.write(data if isinstance(data, bytes) else data.encode())
        os.rename(tmp, os.path.join(folder, f"{n:05d}.eml"))
        flag = os.path.join(folder, HANG_UP_FLAG)
        if os.path.exists(flag):
            os.remove(flag)
            return HANG_UP
        return None


port, folder = int(sys.argv[1]), sys.argv[2]
server = Sink(("127.0.0.1", port), None, decode_data=False)
server.folder = folder
print("ready", flush=True)
asyncore.loop(timeout=0.2)
