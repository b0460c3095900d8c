from __future__ import annotations

import io
from typing import Any

import pypdfium2 as pdfium
import pytest
from django.core.exceptions import ValidationError
from docx import Document

from paraat.programme import documents, progress, report, services
from paraat.programme.constants import IndicatorKind
from paraat.programme.overview import Programme
from paraat.programme.tests.helpers import Scene, make_programme
from paraat.testing.logins import log_in
from paraat.testing.personas import PASSWORD, Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cast: Cast) -> Scene:
    return make_programme(cast)


def test_it_bands_progress_without_django() -> None:
    reading = progress.Reading(3, 4, None, True)
    cell = progress.cell_progress(True, [progress.ActivityState("running", reading)])
    assert cell.fraction == 0.75 and cell.band == progress.HALFWAY
    assert progress.cell_progress(False, []).band == progress.NO_AMBITION
    done = progress.cell_progress(True, [progress.ActivityState("done", None)])
    assert done.band == progress.REACHED


def test_it_starts_from_either_template(cast: Cast) -> None:
    lines = services.start_programme(region=cast.region, template="five_lines")
    assert len(lines) == 5
    other = services.start_programme(region=cast.region, template="themes")
    assert len(other) == 5  # a region with lines keeps them


def test_it_measures_indicators_on_read(scene: Scene) -> None:
    programme = Programme(scene.cast.region)
    cell = programme.cell(scene.cast.oss, scene.lines[2])
    readings = {r.activity.title: r.reading for r in cell.activities}
    assert readings["Punten inrichten"].value == 3  # type: ignore[union-attr]
    assert readings["Dekking"].value == 62.5  # type: ignore[union-attr]
    assert readings["Oefenen"].value == 1  # type: ignore[union-attr]
    assert readings["Buurtgesprekken"].value == 3  # type: ignore[union-attr]
    assert cell.ambition is not None and cell.progress.band == progress.HALFWAY


def test_it_refuses_a_stated_value_without_date(scene: Scene) -> None:
    with pytest.raises(ValidationError):
        services.save_activity(
            region=scene.cast.region, activity=scene.stated,
            data={"indicator_kind": IndicatorKind.STATED, "stated_value": 4, "stated_on": None},
        )  # fmt: skip


def test_it_writes_the_registry_figures_in_docx_and_pdf(scene: Scene) -> None:
    draft = report.municipality_draft(Programme(scene.cast.region), scene.cast.oss)
    text = "\n".join(p.text for p in Document(io.BytesIO(documents.to_docx(draft))).paragraphs)
    assert "3 designated or prepared support points" in text or "3 aangewezen" in text
    pdf = pdfium.PdfDocument(documents.to_pdf(draft))
    words = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pdf)
    assert "62.5%" in words or "62,5%" in words
    import numpy as np

    for page in pdf:
        image = np.asarray(page.render(scale=1).to_pil().convert("L"), dtype=int)
        assert abs(image.shape[0] - 842) <= 1 and abs(image.shape[1] - 595) <= 1  # A4
        edge = np.concatenate([image[:, :14].ravel(), image[:, -14:].ravel()])
        assert (edge < 200).mean() < 0.001  # nothing runs off the sheet


def test_it_lets_olaf_edit_oss_only(client: Any, scene: Scene) -> None:
    assert log_in(client, "olaf", PASSWORD)
    assert client.get(f"/programme/activities/{scene.points.pk}/").status_code == 200
    assert client.get(f"/programme/activities/{scene.vught.pk}/").status_code == 403
    assert client.get("/programme/GM0865/report/").status_code == 403
    response = client.post("/programme/activities/new/", {
        "municipality": scene.cast.vught.pk, "line": scene.lines[0].pk, "title": "Sneaky",
        "owner": "Olaf", "status": "idea",
    })  # fmt: skip
    assert response.status_code == 200 and "Sneaky" not in str(
        list(scene.cast.vught.programme_activities.values_list("title", flat=True))
    )


def test_it_shows_the_matrix_to_the_viewer(client: Any, scene: Scene) -> None:
    assert log_in(client, "kees", PASSWORD)
    response = client.get("/programme/")
    assert response.status_code == 200
    assert "Oss" in response.content.decode()
    assert client.get(f"/programme/activities/{scene.points.pk}/").status_code == 403


def test_it_starts_the_matrix_with_the_officers_own_municipality(client: Any, scene: Scene) -> None:
    assert log_in(client, "kees", PASSWORD)
    assert [r.municipality.name for r in client.get("/programme/").context["rows"]] == [
        "Oss",
        "Vught",
    ]
    client.logout()
    assert log_in(client, "vera", PASSWORD)  # Vught's officer
    assert [r.municipality.name for r in client.get("/programme/").context["rows"]] == [
        "Vught",
        "Oss",
    ]


def test_it_shows_nothing_of_one_region_to_another(client: Any, scene: Scene) -> None:
    assert log_in(client, "xander", PASSWORD)
    body = client.get("/programme/").content.decode()
    assert "Oss" not in body
    assert client.get("/programme/GM0828/").status_code == 404
    assert client.get(f"/programme/activities/{scene.points.pk}/").status_code == 404
    assert client.get("/programme/GM0828/report/").status_code == 404


def test_it_heads_every_page_of_the_council_report_with_region_date_and_sources(
    scene: Scene,
) -> None:
    from paraat.testing import pdfcheck

    draft = report.municipality_draft(Programme(scene.cast.region), scene.cast.oss)
    pdf = documents.to_pdf(draft)
    region = f"Paraat · {scene.cast.region.name}"
    problems = pdfcheck.layout_problems(pdf, page_label="pagina", every_page=[region, draft.moment])
    assert not problems, problems
    assert "CBS" in pdfcheck.page_texts(pdf)[0]
