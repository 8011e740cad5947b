"""The documents admin page in headless Chromium: sign in, upload a real PDF, review, approve, retire."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, expect

from channels.simulator.loopback import free_port, serve_in_thread
from service.app import create_app
from service.composition import Services
from tests.web.documents_support import PHI_TEXT, clinic_pdf, loopback_site

pytestmark = pytest.mark.browser


@pytest.fixture
def base_url(sqlite_services: Services) -> Iterator[str]:
    app = create_app(sqlite_services.settings, services=sqlite_services, start_jobs=True)
    with serve_in_thread(app, free_port()) as url:
        yield url


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the retire confirmation
    page.goto(base_url + "/admin/documents")
    yield page
    context.close()


def sign_in(page: Page, token: str = "changeme") -> None:
    page.get_by_label("Admin token").fill(token)
    page.get_by_role("button", name="Sign in").click()


def row(page: Page, title: str):
    return page.locator("#documents-table tbody tr", has_text=title)


def test_when_staff_upload_a_pdf_then_they_review_approve_and_retire_it(page, tmp_path: Path):
    expect(page).to_have_url(re.compile(r"/admin/login\?next=/admin/documents$"))
    sign_in(page)
    expect(page.get_by_role("heading", name="Approved knowledge")).to_be_visible()

    pdf = tmp_path / "analiticas.pdf"
    pdf.write_bytes(clinic_pdf())
    page.get_by_label("PDF, HTML, Markdown or text file").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#notice")).to_contain_text("pending", timeout=60_000)
    expect(row(page, "Analíticas").locator("[data-role=status]")).to_have_text("pending")

    row(page, "Analíticas").get_by_role("button", name="Review").click()
    expect(page.locator("#detail-text")).to_contain_text("Acuda en ayunas de 8 horas")
    expect(page.locator("#detail-chunks li").first).to_be_visible()
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#notice")).to_contain_text("Approved")
    expect(row(page, "Analíticas").locator("[data-role=status]")).to_have_text("approved")

    page.get_by_role("button", name="Retire").click()
    expect(page.locator("#notice")).to_contain_text("Retired")
    expect(row(page, "Analíticas").locator("[data-role=status]")).to_have_text("retired")


def test_when_a_document_has_phi_findings_then_approval_asks_for_an_override_and_a_reason(page, tmp_path: Path):
    sign_in(page)
    case = tmp_path / "caso.md"
    case.write_bytes(PHI_TEXT)
    page.get_by_label("PDF, HTML, Markdown or text file").set_input_files(str(case))
    page.get_by_role("button", name="Upload").click()
    row(page, "Caso").get_by_role("button", name="Review").click()
    expect(page.locator("#phi-warning")).to_contain_text("personal data")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#notice")).to_contain_text("Approve anyway")
    page.get_by_label("Approve anyway").check()
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#notice")).to_contain_text("reason")
    page.get_by_label("Reason (kept in the audit log)").fill("Caso ficticio para formación")
    page.get_by_role("button", name="Approve").click()
    expect(row(page, "Caso").locator("[data-role=status]")).to_have_text("approved")


def test_when_a_url_is_added_then_the_job_progress_shows_and_its_pages_are_listed(page):
    sign_in(page)
    with loopback_site() as site:
        page.get_by_label("URL (pages of the same site are crawled, within limits)").fill(site)
        page.get_by_role("button", name="Add URL").click()
        job = page.locator("#jobs-table tbody tr", has_text=site)
        expect(job.locator("[data-role=status]")).to_have_text("done", timeout=60_000)
    expect(job).to_contain_text("Horario")
    expect(row(page, "Horario").locator("[data-role=status]")).to_have_text("pending")


def test_when_the_token_is_wrong_then_the_login_page_says_so(page):
    sign_in(page, "not-the-token")
    expect(page.get_by_role("alert")).to_have_text("That token is not valid.")


def test_when_next_points_off_site_then_login_redirects_to_documents(sqlite_settings):
    with TestClient(create_app(sqlite_settings, start_jobs=False)) as client:
        response = client.post(
            "/admin/login", data={"token": "changeme", "next": "//evil.example/x"}, follow_redirects=False
        )
        assert response.status_code == 303
        assert response.headers["location"] == "/admin/documents"
        cookie = response.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
