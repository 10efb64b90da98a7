"""A real HTTP server on 127.0.0.1 (an ephemeral port, a thread) answering as the vendors do.

`/corpus/<vendor>/<case>` replays a case of tests/corpus/<vendor>.json (real responses, each
citing where it was found): its status, headers and body. The other routes are the shapes every
client meets whatever the vendor: a success, a proxy's HTML 502, a 503 with `Retry-After` in
seconds and as an HTTP date, and streamed bodies (`/stream/...`) whose end the server sends
only when the test releases it, so a test can tell whether a hook waited for the body.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.clients import cases

# When the date in `Retry-After` lies, counted from the server's start.
RETRY_AFTER_DATE_SECONDS = 3600
JSON = ("Content-Type", "application/json")


@dataclass(frozen=True)
class Reply:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    streamed: bool = False  # sent chunked, the last chunk only once the test releases it


def _case_reply(case: dict[str, Any]) -> Reply:
    # Transfer-Encoding and Connection are the server's own business, not the case's.
    headers = tuple(
        (name, value)
        for name, value in case["headers"].items()
        if name.lower() not in ("transfer-encoding", "connection", "content-length")
    )
    return Reply(case["status"], headers, cases.body(case))


def replies(now: float) -> dict[str, Reply]:
    routes = {cases.path(vendor, case): _case_reply(case) for vendor, case in cases.CASES}
    success = b'{"success": true, "result": {"uid": "bay1671210199361OQS3"}, "t": 1681652082959}'
    html = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    busy = b'{"success": false, "msg": "busy"}'
    expired = b'{"success": false, "code": 1010, "msg": "token invalid"}'
    routes |= {
        "/success": Reply(200, (JSON,), success),
        "/html-502": Reply(502, (("Content-Type", "text/html"),), html),
        "/retry-after-seconds": Reply(503, (JSON, ("Retry-After", "7")), busy),
        "/retry-after-date": Reply(
            503,
            (JSON, ("Retry-After", formatdate(now + RETRY_AFTER_DATE_SECONDS, usegmt=True))),
            busy,
        ),
        "/retry-after-past-date": Reply(
            503, (JSON, ("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")), busy
        ),
        "/retry-after-garbage": Reply(503, (JSON, ("Retry-After", "soon")), busy),
        # Streamed bodies: a download, an event stream, a JSON success and a failure.
        "/stream/file": Reply(
            200, (("Content-Type", "application/octet-stream"),), b"x" * 64, True
        ),
        "/stream/events": Reply(
            200, (("Content-Type", "text/event-stream"),), b"data: 1\n\n", True
        ),
        "/stream/json-failure": Reply(200, (JSON,), expired, True),
        "/stream/failure": Reply(500, (JSON,), busy, True),
    }
    return routes


class Server:
    """The running server: `url(path)`; `release()` lets every streamed body finish."""

    def __init__(self, routes: dict[str, Reply], http: ThreadingHTTPServer, now: float) -> None:
        self.started = now  # the time its replies were made (the Retry-After date is fixed)
        self.routes = routes
        self.http = http
        self.released = threading.Event()
        self.released.set()
        self.served: list[str] = []  # paths whose whole body was sent

    @contextmanager
    def held(self) -> Iterator[None]:
        """Streamed bodies stop after their first chunk until the block ends."""
        self.released.clear()
        try:
            yield
        finally:
            self.released.set()

    def url(self, path: str) -> str:
        host, port = self.http.server_address[:2]
        return f"http://{host!s}:{port}{path}"


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            reply = server.routes.get(self.path)
            if reply is None:
                self.send_error(404)
                return
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            if not reply.streamed:
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                server.served.append(self.path)
                return
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            half = len(reply.body) // 2
            self._chunk(reply.body[:half])
            # The rest waits for the test (or the server's shutdown): a client that reads the
            # whole body before returning waits here, and its read timeout fails the test.
            server.released.wait()
            self._chunk(reply.body[half:])
            self._chunk(b"")
            server.served.append(self.path)

        def _chunk(self, data: bytes) -> None:
            try:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()
            except OSError:  # the client went away: nothing to send to
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: pytest shows what failed

    return Handler


def serve(now: float) -> Iterator[Server]:
    """Start the server, yield it, and stop it (releasing every stream first)."""
    http = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    http.daemon_threads = True
    server = Server(replies(now), http, now)
    http.RequestHandlerClass = _handler(server)
    thread = threading.Thread(target=http.serve_forever, name="catalog-test-server")
    thread.start()
    try:
        yield server
    finally:
        server.released.set()
        http.shutdown()
        thread.join()
        http.server_close()
