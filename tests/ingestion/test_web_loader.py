"""Web loader against a real HTTP server on loopback: main content, crawl limits, sitemap, redirects, errors."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingestion.errors import FetchError, UnsupportedSourceError
from ingestion.loaders.types import LoadedDocument
from ingestion.loaders.web import CrawlLimits, crawl

PAGE = """<html><head><title>{title} · Clínica</title></head><body>
<header><a href="/">Inicio</a></header>
<nav class="menu"><a href="/servicios">Servicios</a><a href="/contacto">Contacto</a></nav>
<div id="cookie-consent">Usamos cookies para mejorar su experiencia. <button>Aceptar</button></div>
<main><h1>{title}</h1>{body}</main>
<footer>© 2026 Clínica · Aviso legal</footer></body></html>"""

ROUTES: dict[str, tuple[int, str, str]] = {
    "/": (
        200,
        "text/html; charset=utf-8",
        PAGE.format(
            title="Inicio",
            body='<p>Bienvenido a la clínica.</p><a href="/servicios">Servicios</a> '
            '<a href="/antiguo">Antiguo</a> <a href="/roto">Roto</a> <a href="/folleto.pdf">PDF</a> '
            '<a href="/datos.json">JSON</a> <a href="http://elsewhere.test/x">Fuera</a> '
            '<a href="ftp://files.test/x">FTP</a> <a href="data:text/html,hola">Data</a>',
        ),
    ),
    "/servicios": (
        200,
        "text/html",
        PAGE.format(
            title="Servicios",
            body='<h2>Pediatría</h2><ul><li>Niños de 0 a 14 años</li></ul><a href="/servicios/detalle">Detalle</a>',
        ),
    ),
    "/servicios/detalle": (
        200,
        "text/html",
        PAGE.format(title="Detalle", body='<p>Detalle de servicios.</p><a href="/servicios/detalle/mas">Más</a>'),
    ),
    "/servicios/detalle/mas": (200, "text/html", PAGE.format(title="Más", body="<p>Tercer nivel.</p>")),
    "/contacto": (200, "text/html", PAGE.format(title="Contacto", body="<p>Teléfono 911 234 567.</p>")),
    "/solo-sitemap": (200, "text/html", PAGE.format(title="Solo sitemap", body="<p>Enlazada solo ahí.</p>")),
    "/nuevo": (200, "text/html", PAGE.format(title="Nuevo", body="<p>Página tras la redirección.</p>")),
    "/datos.json": (200, "application/json", '{"a": 1}'),
    "/sitemap.xml": (
        200,
        "application/xml",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
        'schemas/sitemap/0.9"><url><loc>{origin}/solo-sitemap</loc></url></urlset>',
    ),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/antiguo":
            self.send_response(301)
            self.send_header("Location", "/nuevo")
            self.end_headers()
            return
        if self.path == "/bucle":
            self.send_response(302)
            self.send_header("Location", "/bucle")
            self.end_headers()
            return
        if self.path == "/lento":
            time.sleep(1.5)
        status, content_type, body = ROUTES.get(self.path, (404, "text/html", "<p>no</p>"))
        origin = f"http://{self.headers.get('Host', '')}"
        data = body.replace("{origin}", origin).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _by_title(docs: list[LoadedDocument]) -> dict[str, LoadedDocument]:
    return {d.title: d for d in docs}


def test_crawl_keeps_main_content_without_navigation_cookie_banner_or_footer(site):
    docs = _by_title(crawl(site + "/", limits=CrawlLimits(max_depth=1)))
    home = docs["Inicio"]
    assert "Bienvenido a la clínica." in home.text
    assert "cookies" not in home.text and "Aviso legal" not in home.text and "Contacto" not in home.text
    assert home.kind == "url" and home.pages[0].url == site + "/"
    assert "- Niños de 0 a 14 años" in docs["Servicios"].text and "## Pediatría" in docs["Servicios"].text


def test_crawl_follows_same_site_links_redirects_and_sitemap_but_skips_broken_and_non_html(site):
    docs = _by_title(crawl(site + "/", limits=CrawlLimits(max_depth=1)))
    # Navigation links are followed (they are how a site is discovered), though their text is not indexed.
    assert set(docs) == {"Inicio", "Servicios", "Contacto", "Nuevo", "Solo sitemap"}
    assert docs["Nuevo"].source == site + "/nuevo"  # the URL after the redirect


def test_crawl_respects_depth_and_page_limits(site):
    deep = _by_title(crawl(site + "/servicios", limits=CrawlLimits(max_depth=2)))
    assert "Detalle" in deep and "Más" in deep
    shallow = _by_title(crawl(site + "/servicios", limits=CrawlLimits(max_depth=1)))
    assert "Detalle" in shallow and "Más" not in shallow
    assert len(crawl(site + "/", limits=CrawlLimits(max_pages=2))) == 2


def test_when_start_url_is_not_html_then_error_names_content_type(site):
    with pytest.raises(UnsupportedSourceError, match="application/json"):
        crawl(site + "/datos.json")


def test_when_start_url_is_missing_then_error_gives_http_status(site):
    with pytest.raises(FetchError, match="HTTP 404"):
        crawl(site + "/no-existe")


def test_when_server_is_down_then_error_says_it_could_not_connect():
    from tests.knowledge.conftest import free_port

    with pytest.raises(FetchError, match="could not connect"):
        crawl(f"http://127.0.0.1:{free_port()}/")


def test_when_server_is_too_slow_then_error_says_timed_out(site):
    with pytest.raises(FetchError, match="timed out"):
        crawl(site + "/lento", limits=CrawlLimits(timeout_seconds=0.3))


def test_when_redirects_loop_then_error_says_too_many_redirects(site):
    with pytest.raises(FetchError, match="too many redirects"):
        crawl(site + "/bucle")


def test_only_http_urls_are_accepted():
    with pytest.raises(UnsupportedSourceError):
        crawl("ftp://example.test/file")


def test_a_crawled_site_is_added_page_by_page_and_retrieved_with_its_url(site, services):
    from ingestion import workflow
    from store.db import transaction

    with transaction(services.sessions) as session:
        results = workflow.add_source(
            session, services, site + "/servicios", added_by="ana", approve=True, limits=CrawlLimits(max_depth=1)
        )
    assert sorted(r.title for r in results) == ["Contacto", "Detalle", "Inicio", "Servicios", "Solo sitemap"]
    (chunk,) = services.retriever.retrieve("pediatría niños", k=1)
    assert chunk.source == site + "/servicios" and chunk.section == "Pediatría"
