"""Web pages: fetch a URL and crawl its site (same origin, depth and page limits, sitemap.xml when present)."""

from __future__ import annotations

import hashlib
import logging
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from xml.etree import ElementTree

import httpx

from ingestion.errors import FetchError, UnsupportedSourceError
from ingestion.loaders.html import parse_html
from ingestion.loaders.types import LoadedDocument, Page

logger = logging.getLogger("recepta.ingestion")

MAX_PAGE_BYTES = 5 * 1024 * 1024
_SKIP_EXTENSIONS = re.compile(
    r"\.(pdf|jpe?g|png|gif|webp|svg|ico|css|js|zip|gz|docx?|xlsx?|pptx?|mp[34]|avi|mov|woff2?|ttf|xml|json)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CrawlLimits:
    max_pages: int = 30
    max_depth: int = 2
    timeout_seconds: float = 10.0
    max_redirects: int = 5


def crawl(
    start_url: str,
    *,
    limits: CrawlLimits | None = None,
    client: httpx.Client | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[LoadedDocument]:
    """Every HTML page of the start URL's site within the limits; the start page must load, others may fail."""
    limits = limits or CrawlLimits()
    own_client = client is None
    http = client or httpx.Client(
        follow_redirects=True,
        max_redirects=limits.max_redirects,
        timeout=httpx.Timeout(limits.timeout_seconds),
        headers={"User-Agent": "Recepta-ingestion/0.1 (+https://github.com/recepta)"},
    )
    try:
        return _crawl(http, _normalise(start_url), limits, progress)
    finally:
        if own_client:
            http.close()


def _crawl(
    http: httpx.Client, start_url: str, limits: CrawlLimits, progress: Callable[[int], None] | None
) -> list[LoadedDocument]:
    final_url, first, links = _fetch_page(http, start_url)
    origin = _origin(final_url)
    documents = [first]
    seen_urls = {start_url, final_url}
    seen_content = {_digest(first)}
    queue: deque[tuple[str, int]] = deque()
    for url in _sitemap_urls(http, origin):
        queue.append((url, 1))
    for url in links:
        queue.append((url, 1))
    skipped = 0
    while queue and len(documents) < limits.max_pages:
        url, depth = queue.popleft()
        try:
            url = _normalise(url)
        except UnsupportedSourceError:
            continue  # ftp:, data: and other links that are not web pages
        if url in seen_urls or depth > limits.max_depth or _origin(url) != origin or _SKIP_EXTENSIONS.search(url):
            continue
        seen_urls.add(url)
        try:
            landed, doc, page_links = _fetch_page(http, url)
        except (FetchError, UnsupportedSourceError):
            skipped += 1  # a broken link must not stop the crawl of the rest of the site
            continue
        seen_urls.add(landed)
        digest = _digest(doc)
        if _origin(landed) != origin or digest in seen_content:
            continue
        seen_content.add(digest)
        documents.append(doc)
        if progress:
            progress(len(documents))
        for link in page_links:
            queue.append((link, depth + 1))
    logger.info("crawl finished", extra={"pages": len(documents), "skipped": skipped})
    return documents


def _fetch_page(http: httpx.Client, url: str) -> tuple[str, LoadedDocument, list[str]]:
    try:
        response = http.get(url)
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url}: timed out") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"{url}: too many redirects") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: could not connect ({type(exc).__name__})") from exc
    final_url = _normalise(str(response.url))
    if response.status_code >= 400:
        raise FetchError(f"{url}: HTTP {response.status_code}")
    content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type not in ("text/html", "application/xhtml+xml"):
        raise UnsupportedSourceError(f"{url}: not an HTML page (content type {content_type or 'missing'})")
    if len(response.content) > MAX_PAGE_BYTES:
        raise FetchError(f"{url}: page larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB")
    page = parse_html(response.text, base_url=final_url)
    if not page.text.strip():
        raise UnsupportedSourceError(f"{url}: page has no main text")
    doc = LoadedDocument(
        source_key=final_url,
        source=final_url,
        kind="url",
        title=page.title or final_url,
        pages=[Page(text=page.text, url=final_url)],
    )
    return final_url, doc, page.links


def _sitemap_urls(http: httpx.Client, origin: str) -> list[str]:
    try:
        response = http.get(origin + "/sitemap.xml")
    except httpx.HTTPError:
        return []
    if response.status_code != 200:
        return []
    try:
        root = ElementTree.fromstring(response.content)
    except ElementTree.ParseError:
        return []
    return [el.text.strip() for el in root.iter() if el.tag.endswith("loc") and el.text]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _normalise(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise UnsupportedSourceError("only http and https URLs can be added")
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def _digest(doc: LoadedDocument) -> str:
    return hashlib.sha256(doc.text.encode()).hexdigest()
