"""A real OpenAI-compatible chat-completions server on 127.0.0.1, for the teacher and judge paths.

``reply(messages) -> str`` decides the answer; ``faults`` (consumed one per request, in order)
inject "401", "429", "500", "timeout:S" (sleep S seconds before answering), "malformed" (a body without
``choices``) and "empty" (an empty message).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


class ChatServer:
    def __init__(self, reply: Callable[[list[dict]], str], faults: list[str] | None = None):
        self.reply = reply
        self.faults = list(faults or [])
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _send(self, status: int, payload: dict) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                request = json.loads(self.rfile.read(length))
                with server.lock:
                    server.requests.append({**request, "authorization": self.headers.get("Authorization")})
                    fault = server.faults.pop(0) if server.faults else None
                if self.path != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": "not found"}})
                if fault == "429":
                    return self._send(429, {"error": {"message": "rate limited"}})
                if fault == "401":
                    return self._send(401, {"error": {"message": "invalid api key"}})
                if fault == "500":
                    return self._send(500, {"error": {"message": "boom"}})
                if fault and fault.startswith("timeout"):
                    time.sleep(float(fault.split(":")[1]))
                if fault == "malformed":
                    return self._send(200, {"id": "x", "object": "chat.completion"})
                content = "" if fault == "empty" else server.reply(request["messages"])
                self._send(200, {
                    "id": "chatcmpl-test", "object": "chat.completion", "model": request.get("model"),
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                 "finish_reason": "stop"}],
                })

        return Handler
