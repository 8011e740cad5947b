"""Helpers of the documents API and admin page tests: real PDFs, a loopback web site, job polling."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tests.ingestion.pdfs import make_pdf

ADMIN = {"authorization": "Bearer changeme"}
PHI_TEXT = b"# Caso\n\nLa paciente Maria Garcia Lopez, DNI 12345678Z, telefono 612 345 678, acudio el 3 de marzo.\n"


def clinic_pdf() -> bytes:
    return make_pdf(
        [
            [
                ("h", "Preparación para la analítica"),
                ("p", "Acuda en ayunas de 8 horas. Puede beber agua. Traiga la petición del médico."),
                ("li", "Horario de extracciones: de lunes a viernes de 8:00 a 10:30."),
            ],
            [("h", "Resultados"), ("p", "Los resultados están disponibles en el portal del paciente en 5 días.")],
        ],
        title="Analíticas",
    )


SITE = {
    "/": "<html><head><title>Clínica Demo</title></head><body><h1>Bienvenida</h1><p>Somos una clínica "
    "familiar en el centro.</p><a href='/horario'>Horario</a></body></html>",
    "/horario": "<html><head><title>Horario</title></head><body><h1>Horario</h1><p>Abrimos de lunes a "
    "viernes de 8:00 a 20:00 y los sábados de 9:00 a 14:00.</p></body></html>",
}


@contextmanager
def loopback_site() -> Iterator[str]:
    """A two-page clinic web site served over HTTP on loopback."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            page = SITE.get(self.path)
            body = (page or "not found").encode()
            self.send_response(200 if page else 404)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def wait_for(
    fetch: Callable[[], dict[str, Any]], done: Callable[[dict[str, Any]], bool], seconds: float = 180
) -> dict[str, Any]:
    """Poll ``fetch`` until ``done`` holds (bounded); returns the last answer."""
    deadline = time.monotonic() + seconds
    answer = fetch()
    while not done(answer) and time.monotonic() < deadline:
        time.sleep(0.1)
        answer = fetch()
    return answer
