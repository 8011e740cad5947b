"""Take docs/screenshots/simulator.png (a real Spanish conversation) and admin-documents.png (the review page).

Run: ``.venv/bin/python -m channels.simulator.screenshot [--out-dir DIR]``. It builds a throwaway data dir,
loads the demo clinic's documents as approved, serves the app with the real engine on loopback and drives
Debian's chromium headless. Nothing touches the network.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# What the patient does, in order (write a text or tap a reply button); each waits for Recepta's replies.
CONVERSATION = (
    ("write", "Hola, buenas tardes"),
    ("tap", "Horarios"),
    ("write", "¿Cuánto cuesta la videoconsulta?"),
)
# A turn is over when no new reply bubble arrived for this long (a turn may send several messages).
QUIET_MS = 3000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    for name, value in (("HF_HUB_OFFLINE", "1"), ("TLDEXTRACT_CACHE_TIMEOUT", "0"), ("OMP_NUM_THREADS", "1")):
        os.environ.setdefault(name, value)

    from playwright.sync_api import expect, sync_playwright

    from channels.simulator.loopback import free_port, serve_in_thread
    from ingestion.workflow import add_source
    from service.app import create_app
    from service.composition import build_services
    from service.settings import Settings
    from store.db import make_engine
    from store.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        url = f"sqlite:///{Path(tmp) / 'recepta.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        settings = Settings(
            environment="development",
            data_dir=Path(tmp) / "data",
            database_url=url,
            public_url=f"http://127.0.0.1:{port}",
        )
        services = build_services(settings)
        with services.sessions() as session, session.begin():
            add_source(session, services, str(ROOT / "demo" / "clinic"), added_by="screenshot", approve=True)
        try:
            with serve_in_thread(create_app(settings, services=services), port), sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1000, "height": 860}, locale="es-ES", device_scale_factor=1)
                page.goto(f"http://127.0.0.1:{port}/simulator")
                bots = page.locator(".bubble-row.bot")
                for turn, (action, text) in enumerate(CONVERSATION, start=1):
                    before = bots.count()
                    if action == "tap":
                        page.locator(".reply-button", has_text=text).last.click()
                    else:
                        page.get_by_label("Mensaje", exact=True).fill(text)
                        page.get_by_role("button", name="Enviar").click()
                    expect(page.locator(".bubble-row.mine")).to_have_count(turn)
                    page.wait_for_function(
                        "n => document.querySelectorAll('.bubble-row.bot').length > n", arg=before, timeout=120_000
                    )
                    seen = -1
                    while bots.count() != seen:
                        seen = bots.count()
                        page.wait_for_timeout(QUIET_MS)
                args.out_dir.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out_dir / "simulator.png"))
                _admin_shot(browser.new_page(viewport={"width": 1280, "height": 1000}), port, args.out_dir)
                browser.close()
        finally:
            services.close()
    print(f"wrote {args.out_dir}/simulator.png and admin-documents.png")  # noqa: T201 - the script's output


def _admin_shot(page: Page, port: int, out_dir: Path) -> None:
    """The documents page with the demo clinic's documents and one opened for review."""
    from playwright.sync_api import expect

    page.goto(f"http://127.0.0.1:{port}/admin/documents")
    page.get_by_label("Admin token").fill("changeme")
    page.get_by_role("button", name="Sign in").click()
    rows = page.locator("#documents-table tbody tr")
    expect(rows.first).to_contain_text("approved")
    rows.first.get_by_role("button", name="Review").click()
    expect(page.locator("#detail-text")).not_to_be_empty()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(out_dir / "admin-documents.png"), full_page=True)


if __name__ == "__main__":
    main()
