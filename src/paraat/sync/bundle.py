"""The bundle file: JSON lines that any text editor or `jq` reads, signed for the region.

Line 1 is the header: format, the instance that wrote it, the range of its journal, the number
of changes and an HMAC-SHA256 signature (keyed by the region's sync secret) over the header and
the checksum of every line. Each further line is one change with its own SHA-256 over the line
without that checksum. Pure Python, no Django: check a bundle with nothing but Python.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "paraat-bundle/1"


class BundleError(ValueError):
    """A bundle that cannot be trusted; the message names the file and line."""


@dataclass
class Bundle:
    header: dict[str, Any]
    changes: list[dict[str, Any]] = field(default_factory=list)


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def line_sum(change: dict[str, Any]) -> str:
    return hashlib.sha256(
        _canonical({k: v for k, v in change.items() if k != "sha256"})
    ).hexdigest()


def _signature(secret: str, header: dict[str, Any], sums: Iterable[str]) -> str:
    mac = hmac.new(
        secret.encode(),
        _canonical({k: v for k, v in header.items() if k != "signature"}),
        hashlib.sha256,
    )
    for item in sums:
        mac.update(item.encode())
    return mac.hexdigest()


def write(path: Path, header: dict[str, Any], changes: list[dict[str, Any]], secret: str) -> None:
    """Write the bundle beside ``path`` and move it in place: a bundle is whole or absent."""
    lines = []
    for change in changes:
        change = {**change, "sha256": line_sum(change)}
        lines.append(change)
    head = {"format": FORMAT, **header, "count": len(lines)}
    head["signature"] = _signature(secret, head, (c["sha256"] for c in lines))
    partial = path.with_name(path.name + ".part")
    with partial.open("w", encoding="utf-8") as out:
        out.write(json.dumps(head, ensure_ascii=False) + "\n")
        for change in lines:
            out.write(json.dumps(change, ensure_ascii=False) + "\n")
    partial.replace(path)


def read(path: Path, secret: str) -> Bundle:
    """Read and verify a bundle; raise BundleError with ``file:line`` at the first fault."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BundleError(f"{name}: cannot be read ({error})") from error
    return parse(text, secret, name)


def parse(text: str, secret: str, name: str) -> Bundle:
    """Verify a bundle given as text (a push over the API); ``name`` goes in the messages."""
    raw = text.splitlines()
    if not raw:
        raise BundleError(f"{name}:1: empty file, no header")
    parsed: list[dict[str, Any]] = []
    for number, line in enumerate(raw, start=1):
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise BundleError(f"{name}:{number}: not JSON ({error.msg})") from error
        if not isinstance(item, dict):
            raise BundleError(f"{name}:{number}: not a JSON object")
        parsed.append(item)
    header, changes = parsed[0], parsed[1:]
    if header.get("format") != FORMAT:
        raise BundleError(f"{name}:1: not a Paraat bundle (format {header.get('format')!r})")
    for number, change in enumerate(changes, start=2):
        if change.get("sha256") != line_sum(change):
            raise BundleError(f"{name}:{number}: checksum does not match: the line was changed")
    if header.get("count") != len(changes):
        raise BundleError(
            f"{name}:1: the header counts {header.get('count')} changes, the file holds {len(changes)}"
        )
    expected = _signature(secret, header, (c["sha256"] for c in changes))
    if not hmac.compare_digest(str(header.get("signature", "")), expected):
        raise BundleError(
            f"{name}:1: signature does not match: not made with this region's secret, or altered"
        )
    return Bundle(header=header, changes=changes)
