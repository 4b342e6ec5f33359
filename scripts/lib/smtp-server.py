#!/usr/bin/env python3
"""Loopback SMTP servers (aiosmtpd) that Sankofa's mail tests deliver to.

    smtp-server.py --dir DIR --ready FILE [--user USER --password PASSWORD]

Listens on 127.0.0.1 on four free ports:
  plain     no TLS, no AUTH (delivery tests)
  starttls  STARTTLS required, then AUTH PLAIN/LOGIN required (self-signed certificate)
  auth      AUTH PLAIN/LOGIN required without TLS (the loopback exception)
  smtps     implicit TLS, AUTH PLAIN/LOGIN required
The certificate is made at start with `openssl req -x509` (CN=localhost, SAN localhost and
127.0.0.1) and kept in a temporary folder.

Every accepted message is written into DIR as NAME.eml (the bytes received, after X-MailFrom,
X-RcptTo, X-Auth-* and X-TLS lines) and NAME.json (envelope, session facts and the message as
Python's `email` package decodes it: an independent reader of what the client wrote). A recipient
whose local part starts with "reject" is refused with 550, one starting with "defer" with 451. When every server listens, FILE is
written (atomically) as shell assignments: SMTP_TEST_PORT=… SMTP_TEST_STARTTLS_PORT=…
SMTP_TEST_AUTH_PORT=… SMTP_TEST_SMTPS_PORT=…. Runs until SIGTERM or SIGINT.
"""

import argparse
import asyncio
import email
import email.policy
import json
import logging
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import uuid
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, folder):
        self.folder = folder

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 Mailbox unavailable: " + address
        if local.startswith("defer"):
            return "451 4.2.1 Mailbox busy, try again later: " + address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        transport = server.transport
        cipher = transport.get_extra_info("cipher") if transport is not None else None
        auth = session.auth_data if isinstance(session.auth_data, dict) else {}
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "mail_options": envelope.mail_options,
            "auth_user": auth.get("user"),
            "auth_mechanism": auth.get("mechanism"),
            "tls": cipher is not None,
            "headers": {name.lower(): str(value) for name, value in message.items()},
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "transfer_encoding": message.get("Content-Transfer-Encoding", ""),
            "body": body.get_content() if body is not None else None,
            "defects": [type(d).__name__ for d in message.defects],
        }
        prefix = (
            "X-MailFrom: {}\r\nX-RcptTo: {}\r\nX-Auth-User: {}\r\nX-Auth-Mechanism: {}\r\nX-TLS: {}\r\n".format(
                envelope.mail_from, ", ".join(envelope.rcpt_tos), record["auth_user"],
                record["auth_mechanism"], "yes" if cipher else "no")
        ).encode()
        name = uuid.uuid4().hex
        write_atomically(os.path.join(self.folder, name + ".eml"), prefix + raw)
        write_atomically(os.path.join(self.folder, name + ".json"),
                         json.dumps(record, ensure_ascii=False, indent=1).encode())
        return "250 2.0.0 Accepted as " + name


def write_atomically(path, data):
    temporary = path + ".part"
    with open(temporary, "wb") as f:
        f.write(data)
    os.replace(temporary, path)


def make_authenticator(user, password):
    def authenticator(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        if auth_data.login.decode() == user and auth_data.password.decode() == password:
            return AuthResult(success=True, auth_data={"user": user, "mechanism": mechanism})
        return AuthResult(success=False, handled=False)
    return authenticator


def make_certificate(folder):
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", key, "-out", cert],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--ready", required=True)
    parser.add_argument("--user", default="sankofa")
    parser.add_argument("--password", default="pässword:/@ 1")
    arguments = parser.parse_args()
    os.makedirs(arguments.dir, exist_ok=True)

    loop = asyncio.get_running_loop()
    handler = Handler(arguments.dir)
    authenticator = make_authenticator(arguments.user, arguments.password)
    with tempfile.TemporaryDirectory(prefix="sankofa-smtp-") as certificates:
        tls = make_certificate(certificates)
        servers = {
            "SMTP_TEST_PORT": (dict(), None),
            "SMTP_TEST_STARTTLS_PORT": (dict(tls_context=tls, require_starttls=True, authenticator=authenticator,
                                             auth_required=True), None),
            "SMTP_TEST_AUTH_PORT": (dict(authenticator=authenticator, auth_required=True, auth_require_tls=False), None),
            "SMTP_TEST_SMTPS_PORT": (dict(authenticator=authenticator, auth_required=True, auth_require_tls=False), tls),
        }
        ports = {}
        running = []
        for variable, (options, implicit_tls) in servers.items():
            def factory(options=options):
                return SMTP(handler, hostname="localhost", loop=loop, **options)
            server = await loop.create_server(factory, "127.0.0.1", 0, ssl=implicit_tls)
            running.append(server)
            ports[variable] = server.sockets[0].getsockname()[1]

        stop = asyncio.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        write_atomically(arguments.ready, "".join(f"{k}={v}\n" for k, v in ports.items()).encode())
        print("smtp-server: listening " + " ".join(f"{k}={v}" for k, v in ports.items()), file=sys.stderr, flush=True)
        await stop.wait()
        for server in running:
            server.close()
            await server.wait_closed()


if __name__ == "__main__":
    # auth_require_tls=False on the loopback "auth" and "smtps" servers is deliberate; aiosmtpd
    # warns about it (and about its own deprecated login_data) on every connection.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    asyncio.run(main())
