"""A local fake company website on a real socket: normal pages, robots.txt, and the hostile cases
(a slow drip, a huge page, a redirect loop, a PDF)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOME = """<html><head><title>Acme Implantes</title><script>var x = "ISO 9001 fake";</script></head>
<body><h1>Acme Implantes</h1>
<p>Fabricamos implantes ortopédicos e instrumentos cirúrgicos desde 1998.</p>
<p>Nosso parque conta com tornos automáticos suíços e centros de usinagem CNC de 5 eixos.</p>
<a href="/sobre">Sobre nós</a> <a href="/qualidade">Qualidade</a>
<a href="/privado/qualidade">Interno</a>
<a href="https://elsewhere.example/about">Parceiro</a>
<a href="/loop">Catálogo de produtos</a>
</body></html>"""
ABOUT = """<html><body><p>Somos certificados ISO 13485:2016 e registrados na ANVISA.</p>
<p>Nosso centro de pesquisa e desenvolvimento cria novos produtos com hospitais.</p>
</body></html>"""
QUALITY = "<html><body><p>Our devices carry the CE mark and are FDA cleared.</p></body></html>"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(
        self, body: bytes, ctype: str = "text/html; charset=utf-8", status: int = 200
    ) -> None:
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/robots.txt":
            self._send(b"User-agent: *\nDisallow: /privado/\n", "text/plain")
        elif path == "/":
            self._send(HOME.encode())
        elif path == "/sobre":
            self._send(ABOUT.encode())
        elif path == "/qualidade":
            self._send(QUALITY.encode())
        elif path.startswith("/privado"):
            self._send(b"<p>Segredo ISO 9001.</p>")
        elif path == "/loop":
            self.send_response(302)
            self.send_header("location", "/loop")
            self.end_headers()
        elif path == "/pdf":
            self._send(b"%PDF-1.4 ISO 13485", "application/pdf")
        elif path == "/slow":
            # Headers at once, then one byte a second: only an overall deadline stops it.
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.end_headers()
            for _ in range(30):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(1)
        elif path == "/huge":
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>Certificados ISO 13485 pela BSI.</p>")
            chunk = b"<p>" + b"x" * 65_536 + b"</p>"
            try:
                for _ in range(800):  # ~50 MB if nobody stops reading
                    self.wfile.write(chunk)
            except OSError:
                return
        else:
            self._send(b"not found", "text/plain", 404)


class RunningSite:
    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
