import json
from pathlib import Path

import pytest

from paraat.sync import bundle

CHANGES = [
    {"id": f"c{n}", "model": "operations.logentry", "uid": f"u{n}", "stamp": f"{n:016d}-0000-a",
     "origin": "a", "fields": {"text": f"regel {n}"}, "base": {}}
    for n in range(3)
]  # fmt: skip


def written(tmp_path: Path) -> Path:
    path = tmp_path / "b.jsonl"
    bundle.write(path, {"instance": {"node": "a"}}, CHANGES, "geheim")
    return path


def test_it_reads_back_what_it_wrote_as_plain_json_lines(tmp_path: Path) -> None:
    path = written(tmp_path)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines[0]["count"] == 3 and lines[2]["fields"] == {"text": "regel 1"}
    assert bundle.read(path, "geheim").changes[1]["uid"] == "u1"


def test_it_names_file_and_line_of_a_changed_record(tmp_path: Path) -> None:
    path = written(tmp_path)
    lines = path.read_text().splitlines()
    lines[2] = lines[2].replace("regel 1", "regel X")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(bundle.BundleError, match=rf"{path}:3: checksum"):
        bundle.read(path, "geheim")


def test_it_refuses_a_record_rewritten_with_a_fresh_checksum(tmp_path: Path) -> None:
    path = written(tmp_path)
    lines = path.read_text().splitlines()
    forged = json.loads(lines[2])
    forged["fields"] = {"text": "vervalst"}
    forged["sha256"] = bundle.line_sum(forged)
    lines[2] = json.dumps(forged)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(bundle.BundleError, match=rf"{path}:1: signature"):
        bundle.read(path, "geheim")


def test_it_refuses_a_bundle_of_another_secret_or_with_a_line_missing(tmp_path: Path) -> None:
    path = written(tmp_path)
    with pytest.raises(bundle.BundleError, match="signature"):
        bundle.read(path, "ander")
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n")
    with pytest.raises(bundle.BundleError, match=":1: the header counts 3"):
        bundle.read(path, "geheim")
