"""The programme manager opens the matrix; Olaf updates an activity of Oss (not Vught's) and
downloads the council report as DOCX and PDF with the registry's figures in it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from docx import Document
from playwright.sync_api import expect

from paraat.programme.tests.helpers import make_programme
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_runs_the_programme_by_clicking(live_server: Any, page: Any, cast: Cast) -> None:
    scene = make_programme(cast)
    login(page, live_server.url, "rianne", PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Programma").click()
    expect(page.locator("h1")).to_have_text("Programma")
    expect(page.get_by_role("table").first).to_contain_text("Uitgebreid")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.context.clear_cookies()

    login(page, live_server.url, "olaf", PASSWORD)
    page.goto(f"{live_server.url}/programme/GM0828/")
    page.get_by_role("link", name="Buurtgesprekken").click()
    page.fill("#id_stated_value", "5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("h1")).to_contain_text("Oss")
    expect(page.get_by_role("table").nth(1)).to_contain_text("5 van 6")
    page.goto(f"{live_server.url}/programme/activities/{scene.vught.pk}/")
    expect(page.locator("h1")).not_to_contain_text("Vught buurt")

    page.goto(f"{live_server.url}/programme/GM0828/report/")
    with page.expect_download() as word:
        page.get_by_role("button", name="Downloaden als Word (DOCX)").click()
    text = "\n".join(p.text for p in Document(io.BytesIO(Path(word.value.path()).read_bytes())).paragraphs)  # fmt: skip
    assert "3 aangewezen of voorbereide noodsteunpunten" in text
    assert "62,5%" in text
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Downloaden als PDF").click()
    document = pdfium.PdfDocument(Path(pdf.value.path()).read_bytes())
    words = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in document)
    assert "3 aangewezen of voorbereide noodsteunpunten" in words and "62,5%" in words
