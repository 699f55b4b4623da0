# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A small HTTP server on loopback that misbehaves on cue, for the tests of what the client must survive.

Each request is answered by the next step of a script: any status, headers and body; a body dripped one
byte at a time; an answer repeated for every request that follows.  It records every request with its
headers, so a test can tell what reached it (e.g. after a redirect).  Everything is bounded: a drip ends
with its body, and an unscripted request gets a 599.
"""

from __future__ import annotations

import json
import select
import socket
import socketserver
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RAY = "hostile-ray-0001"


def envelope(result, **extra):
    """Cloudflare's success envelope around ``result``."""
    answer = {"success": True, "errors": [], "messages": [], "result": result}
    answer.update(extra)
    return answer


class Step(dict):
    """One scripted answer: status, headers, body (bytes, str or JSON), drip (seconds per byte), repeat (bool)."""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, a kept-alive second request waits for a delayed ACK.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.record(self.command, self.path, dict(self.headers.items()), body)
        step = self.server.next_step()
        payload = step.get("body", b"")
        if not isinstance(payload, (bytes, str)):
            payload = json.dumps(payload)
        if isinstance(payload, str):
            payload = payload.encode()
        headers = {"Content-Type": "application/json", "cf-ray": RAY}
        headers.update(step.get("headers", {}))
        self.send_response(step.get("status", 200))
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        try:
            if step.get("drip"):
                self.wfile.flush()
                for index in range(len(payload)):
                    self.wfile.write(payload[index : index + 1])
                    self.wfile.flush()
                    time.sleep(step["drip"])
            else:
                self.wfile.write(payload)
        except OSError:
            pass  # the client gave up

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host="127.0.0.1", tls=None):
        super().__init__((host, 0), Handler)
        self.lock = threading.Lock()
        self.steps = []
        self.requests = []
        self.scheme = "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.socket = context.wrap_socket(self.socket, server_side=True)
            self.scheme = "https"

    @property
    def base_url(self):
        return "%s://%s:%d/client/v4" % ((self.scheme,) + self.server_address[:2])

    def script(self, *steps):
        with self.lock:
            self.steps = [Step(step) for step in steps]
            self.requests = []

    def next_step(self):
        with self.lock:
            if not self.steps:
                return Step(status=599, body=envelope(None, success=False))
            if self.steps[0].get("repeat"):
                return self.steps[0]
            return self.steps.pop(0)

    def record(self, method, path, headers, body):
        with self.lock:
            self.requests.append({"method": method, "path": path, "headers": headers, "body": body.decode("latin-1")})

    def methods(self):
        with self.lock:
            return [request["method"] for request in self.requests]


def start(host="127.0.0.1", tls=None):
    """A server on a free port; ``tls=(certfile, keyfile)`` serves HTTPS."""
    server = HostileServer(host, tls)
    threading.Thread(target=server.serve_forever, name="hostile-api", daemon=True).start()
    return server


class ConnectHandler(socketserver.BaseRequestHandler):
    """One CONNECT tunnel: records its target, then relays bytes both ways until either side closes."""

    def handle(self):
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 8192:
            chunk = self.request.recv(1024)
            if not chunk:
                return
            head += chunk
        method, target = head.split(b" ")[:2]
        self.server.targets.append(target.decode())
        if method != b"CONNECT":
            self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        host, port = target.decode().rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=10) as upstream:
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            sockets = [self.request, upstream]
            while True:
                readable, _writable, _errors = select.select(sockets, [], [], 10)
                if not readable:
                    return
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is self.request else self.request).sendall(data)


class ConnectProxy(socketserver.ThreadingTCPServer):
    """A forward proxy for HTTPS (CONNECT only), as operators put between their hosts and the internet."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), ConnectHandler)
        self.targets = []

    @property
    def url(self):
        return "http://%s:%d" % self.server_address[:2]


def start_proxy():
    proxy = ConnectProxy()
    threading.Thread(target=proxy.serve_forever, name="connect-proxy", daemon=True).start()
    return proxy
