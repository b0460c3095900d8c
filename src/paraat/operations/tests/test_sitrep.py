"""The sitrep says the same on the page and in the PDF, in the reader's language."""

from __future__ import annotations

import pypdfium2
import pytest
from django.test import Client
from django.urls import reverse

from paraat.operations.constants import Need, Priority
from paraat.operations.services.requests import create_help_request
from paraat.operations.tests.factories import make_scene
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def _sitrep(client: Client, pk: int) -> tuple[str, str]:
    url = reverse("operations:sitrep", args=[pk])
    return client.get(url).content.decode(), _pdf_text(client.get(url + "?format=pdf").content)


def test_it_puts_the_same_figures_and_points_on_the_page_and_in_the_pdf(cast: Cast) -> None:
    scene = make_scene(cast)
    client = Client()
    client.force_login(cast.cas)
    client.post(
        reverse("operations:report", args=[scene.incident.pk]),
        {"idempotency_key": "s1", "point": "OSS-01", "state": "open", "fuel_hours_left": "4"},
    )
    create_help_request(
        incident=scene.incident,
        kind=Need.DRINKING_WATER,
        description="Water <b>&</b> dekens",  # markup must not break or style the PDF
        point=scene.a,
        priority=Priority.URGENT,
        user=cast.cas,
    )
    page, pdf = _sitrep(client, scene.incident.pk)
    for text in ("OEFENING", "Situatierapport", "OSS-01", "OSS-02", "Brandstof", "4,0"):
        assert text in page and text in pdf, text
    assert "Water &lt;b&gt;&amp;&lt;/b&gt; dekens" in page
    assert "Water <b>&</b> dekens" in pdf

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page, pdf = _sitrep(client, scene.incident.pk)
    for text in ("EXERCISE", "Situation report", "Fuel running out", "Open help requests"):
        assert text in page and text in pdf, text
    assert "Situatierapport" not in pdf and "OEFENING" not in pdf


def test_it_prints_the_map_of_the_point_states_and_fits_every_page(cast: Cast) -> None:
    from paraat.testing import pdfcheck

    scene = make_scene(cast)
    client = Client()
    client.force_login(cast.cas)
    client.post(
        reverse("operations:report", args=[scene.incident.pk]),
        {"idempotency_key": "m1", "point": "OSS-01", "state": "full"},
    )
    url = reverse("operations:sitrep", args=[scene.incident.pk])
    page = client.get(url).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert ">OSS-01</text>" in svg and ">Oss</text>" in svg and "OSS-01 " in svg
    assert "Vol" in page[page.index('class="nl-map__legend"') :][:1500]
    pdf = client.get(url + "?format=pdf").content
    problems = pdfcheck.layout_problems(
        pdf, page_label="pagina", every_page=["OEFENING", "Paraat · Brabant-Noord"]
    )
    assert not problems, problems
    pdfcheck.keep_pictures(pdf, "sitrep")
    first = pdfcheck.page_texts(pdf)[0]
    # The map's labels and legend, as on the page.
    assert "OSS-01" in first and "Vol" in first and "geen melding" in first
