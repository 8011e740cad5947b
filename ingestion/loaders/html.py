"""HTML to structured text: the main content only, without navigation, cookie banners, footers or scripts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

# Whole elements that never hold content a patient needs.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "dialog",
)
# id/class/role/aria-label words of boilerplate containers (cookie banners, menus, sharing widgets).
_BOILERPLATE = re.compile(
    r"cookie|consent|gdpr|rgpd|banner|navbar|menu|breadcrumb|footer|sidebar|popup|modal|newsletter|"
    r"share|social|skip-link|advert|promo",
    re.IGNORECASE,
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "table",
    "tbody",
    "thead",
    "tr",
    "blockquote",
    "pre",
    "address",
    "figure",
    "figcaption",
    "details",
    "summary",
    "body",
    "hr",
    "br",
}
_ITEMS = {"li", "dt", "dd"}


@dataclass
class HtmlPage:
    title: str
    text: str
    links: list[str] = field(default_factory=list)


def parse_html(html: str, *, base_url: str | None = None) -> HtmlPage:
    soup = BeautifulSoup(html, "html.parser")
    links = _links(soup, base_url) if base_url else []
    head_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all("header"):
        if tag.find_parent(["main", "article"]) is None:  # the site header, not an article's own
            tag.decompose()
    for tag in soup.find_all(_is_boilerplate):
        tag.decompose()
    root = soup.find("main") or soup.select_one('[role="main"]') or soup.find("article") or soup.body or soup
    blocks: list[str] = []
    _walk(root, blocks)
    h1 = root.find("h1") if isinstance(root, Tag) else None
    title = (h1.get_text(" ", strip=True) if h1 else "") or head_title
    return HtmlPage(title=_squash(title)[:500], text="\n\n".join(blocks), links=links)


def _is_boilerplate(tag: Tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    attrs = tag.attrs or {}
    classes: object = attrs.get("class") or []
    words = " ".join(
        [
            str(attrs.get("id", "")),
            " ".join(classes) if isinstance(classes, list) else str(classes),
            str(attrs.get("role", "")),
            str(attrs.get("aria-label", "")),
        ]
    )
    return bool(words.strip()) and bool(_BOILERPLATE.search(words))


def _walk(node: Tag | BeautifulSoup, blocks: list[str]) -> None:
    inline: list[str] = []

    def flush() -> None:
        text = _squash(" ".join(inline))
        if text:
            blocks.append(text)
        inline.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # skip comments, doctypes, CDATA
                inline.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in _HEADINGS:
            flush()
            text = _squash(child.get_text(" ", strip=True))
            if text:
                blocks.append("#" * _HEADINGS[name] + " " + text)
        elif name in _ITEMS:
            flush()
            nested = child.find_all(["ul", "ol", "dl"])
            for sub in nested:
                sub.extract()
            text = _squash(child.get_text(" ", strip=True))
            if text:
                blocks.append("- " + text)
            for sub in nested:
                _walk(sub, blocks)
        elif name == "tr":
            flush()
            cells = [_squash(c.get_text(" ", strip=True)) for c in child.find_all(["td", "th"])]
            if any(cells):
                blocks.append("- " + " | ".join(c for c in cells if c))
        elif name in _BLOCKS:
            flush()
            _walk(child, blocks)
        else:
            inline.append(child.get_text(" ", strip=False))
    flush()


def _links(soup: BeautifulSoup, base_url: str) -> list[str]:
    out = []
    for a in soup.find_all("a", href=True):
        href = str(a["href"]).strip()
        if href and not href.startswith(("mailto:", "tel:", "javascript:", "#")):
            out.append(urljoin(base_url, href).split("#", 1)[0])
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
