"""Every `paraat` command that takes --json prints one JSON document on stdout and nothing else
(no solver banner, no progress text, no log line), in its own process, on the run's database.

The list of commands with --json is read from the commands themselves: a new command with --json
fails this test until it has an invocation in INVOCATIONS below."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paraat.testing.processes import env_for, fresh_database, paraat

pytestmark = pytest.mark.slow

SRC = Path(__file__).resolve().parents[2]
CAP_FILE = SRC / "alerts" / "tests" / "data" / "real" / "au_bom_2019_weather.cap"

# (command, subcommand or ""): the arguments after the command name; {tmp} is a scratch
# directory, {code} a support point's code and {line} its status line. Exit code 1 is allowed
# where the arguments ask for a refusal: the refusal is JSON too.
INVOCATIONS: dict[tuple[str, str], tuple[list[str], int]] = {
    ("summary", ""): (["--json"], 0),
    ("readiness", ""): (["--json"], 0),
    ("coverage", ""): (["--json", "--no-save"], 0),
    ("optimise", ""): (["--json", "--no-save", "--k", "2", "--time-limit", "5"], 0),
    ("cascade", "run"): (["run", "--json", "--runs", "20"], 0),
    ("status_line", "make"): (["make", "{code}", "--json"], 0),
    ("status_line", "parse"): (["parse", "{line}", "--json"], 0),
    ("export_points", ""): (["{tmp}/points.csv", "--json"], 0),
    ("import_points", ""): (["{tmp}/not-points.csv", "--json"], 1),
    ("import_areas", ""): (["{tmp}/not-areas.csv", "--json"], 1),
    ("cap_validate", ""): ([str(CAP_FILE), "--json"], 0),
    ("region", "list"): (["list", "--json"], 0),
    ("region", "create"): (
        ["create", "--code", "VR98", "--name", "Proef", "{tmp}/not-areas.csv", "--json"],
        1,
    ),  # fmt: skip
    ("setup_token", ""): (["--json"], 0),
    ("jobs", "cleanup"): (["cleanup", "--days", "30", "--json"], 0),
    ("knowledge", "search"): (["search", "oefening", "--json"], 0),
    ("user", "list"): (["list", "--json"], 0),
    ("user", "add"): (
        ["add", "nieuw", "--role", "viewer", "--email", "nieuw@example.invalid", "--json"],
        0,
    ),  # fmt: skip
    ("user", "reset-2fa"): (["reset-2fa", "operator", "--reason", "test", "--json"], 0),
    ("user", "deactivate"): (["deactivate", "nieuw", "--json"], 0),
    ("token", "create"): (["create", "operator", "--days", "30", "--json"], 0),
    ("token", "list"): (["list", "operator", "--json"], 0),
    ("token", "revoke"): (["revoke", "--user", "operator", "--json"], 0),
    ("programme", "status"): (["status", "--json"], 0),
    ("continuity", ""): (["--json"], 0),
    ("programme", "report"): (
        ["report", "--municipality", "GM0828", "--out", "{tmp}/rib.pdf", "--json"],
        0,
    ),  # fmt: skip
    ("callout", ""): (
        ["--point", "{code}", "--need", "1", "--skill", "first_aid", "--radius", "2000", "--json"],
        1,  # the demo has no open incident: the refusal is JSON too
    ),
    ("certificates", ""): (["--expiring", "30", "--json"], 0),
    ("partners", ""): (["--json"], 0),
    ("erase_relays", ""): (["--json"], 0),
    ("volunteer_retention", ""): (["--json"], 0),
    ("import_volunteers", ""): (["{tmp}/not-areas.csv", "--json"], 1),
    ("import_initiatives", ""): (["{tmp}/not-areas.csv", "--json"], 1),
    ("kit", ""): (["{tmp}/kit", "--coordination-point", "CP-GRAVE", "--json"], 0),
    ("bundle", "export"): (["export", "{tmp}/bundle.jsonl", "--json"], 0),
    ("bundle", "import"): (["import", "{tmp}/bundle.jsonl", "--json"], 0),
    # Nothing listens on port 9 and the demo database is not empty: the refusals are JSON too.
    ("sync", ""): (["--with", "http://127.0.0.1:9", "--token", "t", "--json"], 1),
    ("instance", "init"): (
        ["init", "--from", "{tmp}/bundle.jsonl", "--coordination-point", "CP-GRAVE", "--json"],
        1,
    ),  # fmt: skip
    ("instance", "refresh"): (["refresh", "--token", "t", "--json"], 1),
}


def _has_json(parser: argparse.ArgumentParser) -> Iterator[str]:
    """'' when the parser takes --json, and the names of its subcommands that take it."""
    for action in parser._actions:
        if "--json" in action.option_strings:
            yield ""
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if any(s == "" for s in _has_json(sub)):
                    yield name


def _commands_with_json() -> set[tuple[str, str]]:
    import django

    django.setup()
    from django.core.management import get_commands, load_command_class

    found = set()
    for name, app in get_commands().items():
        if not app.startswith("paraat."):
            continue
        parser = load_command_class(app, name).create_parser("paraat", name)
        found |= {(name, sub) for sub in _has_json(parser)}
    return found


def test_it_knows_an_invocation_for_every_command_with_json() -> None:
    assert _commands_with_json() == set(INVOCATIONS)


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """The demo region in a database of its own, and the values the invocations fill in."""
    tmp = tmp_path_factory.mktemp("json")
    with fresh_database(tmp, "json", migrated=True) as database:
        env = env_for(database, tmp)
        paraat(env, "demo", "--no-serve", timeout=900)
        (tmp / "not-points.csv").write_text("naam;code\nGeen punt;\n", encoding="utf-8")
        (tmp / "not-areas.csv").write_text("dit is;geen gebied\n", encoding="utf-8")
        readiness = _only_json(_run(env, "readiness", ["--json"]), "readiness")
        code = str(readiness["points"][0]["code"])
        made = _only_json(_run(env, "status_line", ["make", code, "--json"]), "status_line make")
        yield env, {"tmp": str(tmp), "code": code, "line": made["line"]}


def _run(env: dict[str, str], command: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paraat", command, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _only_json(completed: subprocess.CompletedProcess[str], what: str) -> Any:
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise AssertionError(
            f"paraat {what} --json printed more than JSON ({error}):\n{completed.stdout[:2000]}"
        ) from None


@pytest.mark.parametrize(("command", "sub"), sorted(INVOCATIONS))
def test_it_prints_only_json(
    demo: tuple[dict[str, str], dict[str, str]], command: str, sub: str
) -> None:
    env, values = demo
    args, exit_code = INVOCATIONS[(command, sub)]
    completed = _run(env, command, [a.format(**values) for a in args])
    assert completed.returncode == exit_code, completed.stderr[-2000:]
    document = _only_json(completed, f"{command} {sub}".strip())
    assert isinstance(document, dict | list) and document
