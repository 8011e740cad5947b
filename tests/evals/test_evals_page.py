"""The eval page in headless Chromium: sign in, start a run of one suite, watch it finish, open its report."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from channels.simulator.loopback import free_port, serve_in_thread
from knowledge.embeddings.base import BaseEmbedder
from service.app import create_app
from service.settings import Settings
from tests.knowledge.conftest import services_with
from tests.web.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser, sqlite_settings: Settings, use_embedder: BaseEmbedder) -> Iterator[Page]:
    services = services_with(sqlite_settings, use_embedder)
    try:
        with serve_in_thread(create_app(sqlite_settings, services=services, start_jobs=True), free_port()) as url:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(url + "/admin/evals")
            yield page
            context.close()
    finally:
        services.close()


def test_when_staff_start_a_run_then_progress_shows_and_the_report_opens(page: Page):
    expect(page).to_have_url(re.compile(r"/admin/login\?next=/admin/evals$"))
    page.get_by_label("Admin token").fill("changeme")
    page.get_by_role("button", name="Sign in").click()
    page.goto(page.url.split("/admin")[0] + "/admin/evals")
    expect(page.get_by_role("heading", name="Eval suites")).to_be_visible()

    page.get_by_role("checkbox", name=re.compile(r"^spam \(\d+\)$")).check()
    page.get_by_role("button", name="Start run").click()
    first_run = page.locator("#runs tr[data-run]").first
    expect(first_run.locator(".status")).to_have_text(re.compile("queued|running|done"))
    expect(first_run.locator(".status")).to_have_text("done", timeout=120_000)

    page.get_by_role("link", name="open report").first.click()
    expect(page.get_by_role("heading", name=re.compile(r"^Recepta eval run"))).to_be_visible()
    expect(page.get_by_role("cell", name="spam", exact=True).first).to_be_visible()


def test_when_not_signed_in_then_runs_cannot_be_started(page: Page):
    response = page.request.post(page.url.split("/admin")[0] + "/admin/evals/runs", form={"suites": "spam"})
    assert response.status == 401
