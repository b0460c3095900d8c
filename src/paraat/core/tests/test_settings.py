"""Settings come from the environment and refuse unsafe production setups."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from paraat.conf import env

PRODUCTION = {
    "PARAAT_ENV": "production",
    "PARAAT_SECRET_KEY": "k3Jx9!qP2vL8@zR5mW7#tY1nB4$cF6hD0sG-aE3uI8oQ2wZ5rT9yV1xN7",
    "PARAAT_ALLOWED_HOSTS": "paraat.example.nl",
    "DATABASE_URL": "sqlite:////tmp/paraat-deploy-check.sqlite3",
}


def _run(
    args: list[str], extra: dict[str, str], drop: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PARAAT_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(extra)
    for key in drop:
        environment.pop(key, None)
    return subprocess.run(
        [sys.executable, "-m", "paraat", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_check_in_production() -> None:
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize("missing", ["PARAAT_SECRET_KEY", "PARAAT_ALLOWED_HOSTS"])
def test_it_refuses_to_start_in_production_without(missing: str) -> None:
    result = _run(["check"], PRODUCTION, drop=(missing,))
    assert result.returncode != 0
    assert missing in result.stderr


def test_it_reads_the_secret_key_from_a_file(tmp_path: object) -> None:
    secret = os.path.join(str(tmp_path), "secret")
    with open(secret, "w") as handle:
        handle.write("f8Kq2!zP9xV4@mL7wR3#nT6yB1$cH5jD0sG-aE8uI2oQ7-Lm4Nx8Zp" + "\n")
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {**PRODUCTION, "PARAAT_SECRET_KEY_FILE": secret},
        drop=("PARAAT_SECRET_KEY",),
    )
    assert result.returncode == 0, result.stderr


def test_it_refuses_an_unknown_database_url() -> None:
    result = _run(["check"], {"DATABASE_URL": "mysql://root@localhost/paraat"})
    assert result.returncode != 0 and "DATABASE_URL" in result.stderr


def test_it_fails_loudly_on_bad_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_BOOL", "misschien")
    with pytest.raises(env.ConfigurationError, match="X_BOOL"):
        env.env_bool("X_BOOL", False)
    monkeypatch.setenv("X_INT", "tien")
    with pytest.raises(env.ConfigurationError, match="whole number"):
        env.env_int("X_INT", 1)
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env.env_list("X_LIST") == ["a", "b", "c"]


def test_it_uses_sqlite_in_wal_mode_by_default(db: None) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The test database may be in memory, where WAL is not possible; the setting is what we check then.
    assert mode in ("wal", "memory")
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]


def test_it_reads_the_public_region_and_cap_sender_from_the_environment() -> None:
    show = "from django.conf import settings as s; print([s.PARAAT_PUBLIC_REGION, s.PARAAT_CAP_SENDER])"
    extra = {"PARAAT_ENV": "test", "PARAAT_DATA_DIR": "/tmp/paraat-settings-check"}
    result = _run(["shell", "--no-imports", "-c", show], extra)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['', '']"  # both empty by default
    extra.update(PARAAT_PUBLIC_REGION=" VR21 ", PARAAT_CAP_SENDER="{region}@example.nl")
    result = _run(["shell", "--no-imports", "-c", show], extra)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['VR21', '{region}@example.nl']"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PARAAT_PUBLIC_REGION", "VR 21"),
        ("PARAAT_CAP_SENDER", "veiligheidsregio brabant"),
        ("PARAAT_CAP_SENDER", "a,b"),
        ("PARAAT_CAP_SENDER", "{code}@example.nl"),
    ],
)
def test_it_refuses_a_bad_public_region_or_cap_sender(name: str, value: str) -> None:
    result = _run(["check"], {"PARAAT_ENV": "test", name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_it_never_shows_the_debug_page_in_a_normal_development_run() -> None:
    """Issue 10: a normal run shows Paraat's own 404 page; debug pages only when asked for."""
    script = "from django.conf import settings; print(settings.DEBUG)"
    normal = _run(["shell", "-c", script], {"PARAAT_ENV": "development"})
    asked = _run(["shell", "-c", script], {"PARAAT_ENV": "development", "PARAAT_DEBUG": "true"})
    last = [r.stdout.strip().splitlines()[-1:] for r in (normal, asked)]
    assert last == [["False"], ["True"]], normal.stderr
