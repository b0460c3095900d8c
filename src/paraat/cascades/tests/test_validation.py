"""Bad data is refused with messages that name the file and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paraat.cascades.engine import ScenarioError, load_scenario, parse_points, simulate

MODEL = Path(__file__).parent / "data" / "hand-model.toml"


def write(tmp_path: Path, text: str, name: str = "regio.toml") -> Path:
    path = tmp_path / name
    path.write_text(MODEL.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


def problems(excinfo) -> dict[str, str]:
    return {issue.field: f"{issue.file}: {issue.message}" for issue in excinfo.value.issues}


def test_it_names_file_and_field_of_an_unknown_dependency(tmp_path):
    path = write(
        tmp_path,
        '\n[services.extra]\nname_nl = "x"\nname_en = "x"\nneeds = ["gird"]\n'
        'backup = { kind = "none", source = "test-fixture", confidence = "low" }\n',
    )
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(path)
    found = problems(excinfo)
    assert "services.extra.needs" in found
    assert "regio.toml" in found["services.extra.needs"]
    assert "unknown dependency 'gird'" in found["services.extra.needs"]
    assert "regio.toml: services.extra.needs: unknown dependency" in str(excinfo.value)


def test_it_reports_a_dependency_cycle(tmp_path):
    path = write(tmp_path, "")
    text = path.read_text(encoding="utf-8").replace(
        'name_en = "Water company"\nneeds = ["grid"]',
        'name_en = "Water company"\nneeds = ["grid"]\ndegrades_with = ["tap"]',
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(path)
    found = problems(excinfo)
    field = next(f for f in found if "cycle" in found[f])
    assert field in ("services.water.degrades_with", "services.tap.needs")
    assert "water" in found[field] and "tap" in found[field] and "regio.toml" in found[field]


def test_it_refuses_a_minimum_above_the_likely_value(tmp_path):
    path = write(tmp_path, "")
    text = path.read_text(encoding="utf-8").replace("min = 5, likely = 10", "min = 12, likely = 10")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(path)
    found = problems(excinfo)
    assert found["services.water.backup.min"].startswith(str(path))
    assert "min (12) is greater than likely (10)" in found["services.water.backup.min"]


def test_it_refuses_a_figure_without_source(tmp_path):
    path = write(tmp_path, "")
    text = path.read_text(encoding="utf-8").replace(
        'max = 20, source = "test-fixture", ', "max = 20, "
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(path)
    found = problems(excinfo)
    assert "missing; every figure needs a source" in found["services.water.backup.source"]
    assert "regio.toml" in found["services.water.backup.source"]


def test_it_refuses_an_unknown_source_key(tmp_path):
    path = write(tmp_path, "")
    text = path.read_text(encoding="utf-8").replace(
        'likely = 3, max = 6, source = "test-fixture"', 'likely = 3, max = 6, source = "hearsay"'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(path)
    assert "unknown source 'hearsay'" in problems(excinfo)["services.tap.backup.source"]


def test_it_names_the_override_file_for_a_bad_override_value(tmp_path):
    override = tmp_path / "waterbedrijf.json"
    override.write_text(
        json.dumps(
            {
                "services": {
                    "water": {
                        "backup": {
                            "min": 30,
                            "likely": 20,
                            "max": 40,
                            "source": "test-fixture",
                            "confidence": "high",
                        }
                    }
                }
            }
        )
    )
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(MODEL, overrides=override)
    found = problems(excinfo)
    assert found["services.water.backup.min"].startswith(str(override))


def test_it_refuses_an_override_for_an_unknown_service_or_without_source(tmp_path):
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(MODEL, overrides={"services": {"wter": {"severity": 1}}})
    assert "unknown service" in problems(excinfo)["services.wter"]
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(MODEL, overrides={"services": {"water": {"backup": {"likely": 12}}}})
    found = problems(excinfo)
    assert "needs its own" in found["services.water.backup.source"]
    assert "min, likely and max together" in found["services.water.backup.min"]
    assert found["services.water.backup.min"].startswith("overrides[0]")


def test_it_refuses_asset_shares_that_do_not_add_up(tmp_path):
    override = {
        "services": {
            "points": {
                "backup": {
                    "classes": {
                        "extra": {
                            "share": 0.5,
                            "min": 1,
                            "likely": 2,
                            "max": 3,
                            "source": "test-fixture",
                            "confidence": "low",
                        }
                    }
                }
            }
        }
    }
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(MODEL, overrides=override)
    assert "shares add up to 1.5" in problems(excinfo)["services.points.backup.classes"]


def test_it_reports_unparsable_files_and_unknown_names(tmp_path):
    broken = tmp_path / "kapot.toml"
    broken.write_text("[scenario\nid = 1", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"kapot.toml: \(file\): cannot be parsed"):
        load_scenario(broken)
    with pytest.raises(ScenarioError, match="no such scenario"):
        load_scenario("power-outage-mars")


def test_it_checks_decision_rules_and_weather(tmp_path):
    path = write(
        tmp_path,
        '\n[decisions.bad]\nkind = "service"\nservice = "tap"\n'
        'measures = ["free-generators"]\ntext_nl = "Om {tijd}"\ntext_en = "At {time}"\n',
    )
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(path)
    found = problems(excinfo)
    assert "unknown measure 'free-generators'" in found["decisions.bad.measures"]
    assert "unknown placeholder {tijd}" in found["decisions.bad.text_nl"]
    with pytest.raises(ScenarioError, match="unknown weather 'tropical'"):
        simulate(load_scenario(MODEL), runs=0, weather="tropical")


def test_it_validates_points():
    with pytest.raises(ScenarioError) as excinfo:
        parse_points(
            [
                {"code": "A", "tier": "local", "autonomy_hours": -1},
                {"code": "A", "tier": "castle"},
            ]
        )
    found = problems(excinfo)
    assert set(found) == {"[0].autonomy_hours", "[1].code", "[1].tier"}
