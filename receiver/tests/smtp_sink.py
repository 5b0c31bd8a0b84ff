"""A real SMTP server for the receiver's delivery tests (Debian's python3-aiosmtpd, run by
/usr/bin/python3), on loopback only.

    smtp_sink.py serve PORT MAILDIR   every message accepted goes into the Maildir folder MAILDIR,
                                      unless the file MAILDIR/refuse exists: then every message is
                                      refused with the reply it holds (e.g. "451 try later"),
                                      and if MAILDIR/refuse-ADDRESS exists, every message to
                                      ADDRESS is.
                                      Prints "ready" when listening; stops on SIGTERM or when
                                      standard input closes.
    smtp_sink.py dump MAILDIR         prints each message as one JSON line: its headers, the
                                      envelope, its plain-text part, and its attachments.
"""

import email
import email.policy
import json
import mailbox
import os
import signal
import sys
import threading


def serve(port, maildir):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Mailbox

    class Sink(Mailbox):
        async def handle_DATA(self, server, session, envelope):
            for name in ["refuse"] + ["refuse-" + to for to in envelope.rcpt_tos]:
                try:
                    with open(os.path.join(maildir, name)) as f:
                        return f.read().strip()
                except FileNotFoundError:
                    pass
            return await super().handle_DATA(server, session, envelope)

    controller = Controller(Sink(maildir), hostname="127.0.0.1", port=int(port))
    controller.start()
    print("ready", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    controller.stop()


def dump(maildir):
    box = mailbox.Maildir(maildir, factory=None, create=False)
    for key in sorted(box.keys()):
        raw = box.get_bytes(key)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        text = msg.get_body(preferencelist=("plain",))
        attachments = [
            {
                "filename": part.get_filename(),
                "content_type": part.get_content_type(),
                "content": part.get_content() if part.get_content_maintype() == "text"
                else part.get_payload(decode=True).decode("utf-8"),
            }
            for part in msg.iter_attachments()
        ]
        print(json.dumps({
            "headers": {k.lower(): str(v) for k, v in msg.items()},
            "text": text.get_content() if text is not None else None,
            "attachments": attachments,
        }))


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3])
    else:
        dump(sys.argv[2])
