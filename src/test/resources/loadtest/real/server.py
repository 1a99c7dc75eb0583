#!/usr/bin/env python3
"""A tiny HTTP service to load-test: /products (about 20 ms), POST /cart (about 50 ms), /checkout (about 80 ms,
one request in 20 answers 500). Seeded delays, so the shape is the same run to run. Usage: server.py PORT"""
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
rng = random.Random(4)


def delay(median):
    with lock:
        return rng.lognormvariate(0, 0.3) * median / 1000.0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def reply(self, code, body):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/products"):
            time.sleep(delay(20))
            self.reply(200, '{"products":[1,2,3]}')
        elif self.path.startswith("/checkout"):
            time.sleep(delay(80))
            with lock:
                failed = rng.random() < 0.05
            self.reply(500 if failed else 200, '{"error":"payment"}' if failed else '{"ok":true}')
        else:
            self.reply(404, "{}")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        time.sleep(delay(50))
        self.reply(200, '{"cart":1}')

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
