"""The shipped advice library: texts per risk, phase and language (advice.json) and the 72-hour
checklist (checklist.json), each with the sources they were written from. Plain data, no Django."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ShippedAdvice:
    risk: str
    phase: str
    language: str
    title: str
    body: str
    sources: tuple[str, ...]


@lru_cache(maxsize=1)
def _library() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / "advice.json").read_text(encoding="utf-8"))
    return data


def shipped_advice() -> list[ShippedAdvice]:
    """Every shipped text, one per risk, phase and language."""
    found = []
    for row in _library()["advice"]:
        for language in ("nl", "en"):
            text = row[language]
            found.append(
                ShippedAdvice(
                    risk=row["risk"],
                    phase=row["phase"],
                    language=language,
                    title=text["title"],
                    body=text["body"],
                    sources=tuple(row["sources"]),
                )
            )
    return found


def source_names() -> dict[str, str]:
    """Source key to its full description, as named on the about page."""
    return dict(_library()["sources"])


@lru_cache(maxsize=1)
def checklist() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / "checklist.json").read_text(encoding="utf-8"))
    return data


def blocks(body: str) -> list[dict[str, Any]]:
    """A body as paragraphs and lists: lines starting with '- ' are list items."""
    found: list[dict[str, Any]] = []
    for chunk in body.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        for line in lines:
            if line.startswith(("- ", "* ")):
                if paragraph:
                    found.append({"kind": "p", "text": " ".join(paragraph)})
                    paragraph = []
                if not found or found[-1]["kind"] != "ul":
                    found.append({"kind": "ul", "items": []})
                found[-1]["items"].append(line[2:].strip())
            else:
                paragraph.append(line)
        if paragraph:
            found.append({"kind": "p", "text": " ".join(paragraph)})
    return found
