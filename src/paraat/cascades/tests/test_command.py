"""`paraat cascade run` and `paraat cascade render`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from paraat.__main__ import main
from paraat.cascades.tests.django_helpers import small_network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def test_it_prints_the_timeline_as_json(cast: Cast, capsys: pytest.CaptureFixture[str]) -> None:
    small_network(cast)
    call_command(
        "cascade", "run", "--json", "--runs", "100", "--seed", "5", "--measure",
        "fuel-72h-all-points", "--weather", "cold", "--region", cast.region.code,
    )  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "paraat-cascade-run/1"
    assert data["settings"] == {
        "runs": 100,
        "seed": 5,
        "weather": "cold",
        "measures": ["fuel-72h-all-points"],
        "horizon_hours": 168.0,
        "step_hours": 0.25,
    }
    assert data["region"]["code"] == cast.region.code and data["region"]["points"] == 4
    assert {p["code"]: p["assumed_hours"] for p in data["points"]}["LO-02"] == 72.0
    mobile = next(s for s in data["services"] if s["id"] == "mobile")
    assert mobile["time_likely_down_hours"] < 4
    assert any(d["id"] == "points-open" for d in data["decisions"])


def test_it_is_reproducible_for_a_seed(cast: Cast, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for _ in range(2):
        cache.clear()
        call_command(
            "cascade", "run", "--json", "--runs", "50", "--seed", "9", "--region", cast.region.code
        )
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


def test_it_runs_without_a_region(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("cascade", "run", "--runs", "0")
    out = capsys.readouterr().out
    assert "Landelijke waarden" in out and "Besluitpunten:" in out


def test_it_names_the_problem_in_bad_input(db: None) -> None:
    with pytest.raises(CommandError, match="no such scenario"):
        call_command("cascade", "run", "--scenario", "nope", "--runs", "0")
    with pytest.raises(CommandError, match="unknown measure"):
        call_command("cascade", "run", "--measure", "wishful", "--runs", "0")
    with pytest.raises(CommandError, match="XX99"):
        call_command("cascade", "run", "--region", "XX99")


@pytest.mark.parametrize(
    ("suffix", "start"), [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")]
)
def test_it_renders_the_chart(cast: Cast, tmp_path: Path, suffix: str, start: bytes) -> None:
    small_network(cast)
    out = tmp_path / f"tijdlijn{suffix}"
    call_command(
        "cascade", "render", "--out", str(out), "--runs", "100", "--region", cast.region.code
    )
    assert out.read_bytes().startswith(start)


def test_it_refuses_an_unknown_output_format(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"\.svg, \.png or \.pdf"):
        call_command("cascade", "render", "--out", str(tmp_path / "x.gif"), "--runs", "0")


@pytest.mark.parametrize("action", ["run", "render"])
def test_it_explains_itself(action: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["paraat", "cascade", action, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--scenario" in out and "--measure" in out and "--seed" in out
    assert ("--json" in out) if action == "run" else ("--out" in out)
