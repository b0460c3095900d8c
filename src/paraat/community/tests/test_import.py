from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from paraat.community import importers
from paraat.community.models import Volunteer
from paraat.community.tests.factories import postcode_at
from paraat.geo.readers import ReadError

pytestmark = pytest.mark.django_db


def _csv(tmp_path, rows):
    path = tmp_path / "vrijwilligers.csv"
    lines = ["naam;email;telefoon;postcode;vaardigheden;organisatie;certificaten;punten", *rows]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_it_imports_every_row_of_a_good_file(cast, tmp_path):
    pc = postcode_at(cast, 0)
    path = _csv(tmp_path, [
        f"Anna;anna@example.nl;;{pc};first_aid,driving;ehbo;first_aid:Het Oranje Kruis:2030-01-01;",
        f"Bart;;0612345678;{pc} AB;logistics;none;;",
    ])  # fmt: skip
    assert importers.import_volunteers(path=path, region=cast.region) == {"created": 2}
    anna = Volunteer.objects.get(name="Anna")
    assert sorted(anna.skills.values_list("skill", flat=True)) == ["driving", "first_aid"]
    assert anna.certificates.get().issuer == "Het Oranje Kruis"
    assert Volunteer.objects.get(name="Bart").postcode == f"{pc}AB"


def test_it_imports_nothing_and_names_file_row_and_field(cast, tmp_path):
    pc = postcode_at(cast, 0)
    path = _csv(tmp_path, [
        f"Anna;anna@example.nl;;{pc};first_aid;;;",
        f"Bart;bart@example.nl;;{pc};juggling;;;",
        f"Carla;carla@example.nl;;{pc};;;first_aid:X:31-12-2030;",
        "Dirk;dirk@example.nl;;9999;;;;",
    ])  # fmt: skip
    with pytest.raises(ReadError) as error:
        importers.import_volunteers(path=path, region=cast.region)
    found = {(p.row, p.field) for p in error.value.problems}
    assert found == {(3, "vaardigheden"), (4, "certificaten")}
    assert not Volunteer.objects.exists()


def test_it_rolls_back_rows_stored_before_a_late_problem(cast, tmp_path):
    pc = postcode_at(cast, 0)
    path = _csv(tmp_path, [f"Anna;anna@example.nl;;{pc};;;;", "Dirk;dirk@example.nl;;9999;;;;"])
    with pytest.raises(ReadError) as error:
        importers.import_volunteers(path=path, region=cast.region)
    [problem] = error.value.problems
    assert (problem.file, problem.row, problem.field) == ("vrijwilligers.csv", 3, "postcode")
    assert not Volunteer.objects.exists()


def test_it_reads_xlsx_through_the_command(cast, tmp_path):
    pc = postcode_at(cast, 0)
    book = Workbook()
    sheet = book.active
    sheet.append(["Naam", "E-mail", "Postcode", "Vaardigheden"])
    sheet.append(["Anna", "anna@example.nl", int(pc), "care"])
    path = tmp_path / "v.xlsx"
    book.save(path)
    out = StringIO()
    call_command("import_volunteers", str(path), "--json", "--region", "VR21", stdout=out)
    assert json.loads(out.getvalue()) == {"ok": True, "created": 1}


def test_it_fails_the_command_with_the_problems(cast, tmp_path):
    path = _csv(tmp_path, ["Anna;;;;;;;"])
    with pytest.raises(CommandError) as error:
        call_command("import_volunteers", str(path), "--region", "VR21", stdout=StringIO())
    assert "rij 2" in str(error.value)
