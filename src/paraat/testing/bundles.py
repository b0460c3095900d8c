"""Big bundles for the sync benchmark and the kill -9 test: real changes, copied many times.

Pure Python, no Django: the changes come from a bundle that `paraat bundle export` wrote after
real writes through the services.
"""

from __future__ import annotations

import uuid
from typing import Any

from paraat.sync import hlc


def synthesize(
    pattern: list[dict[str, Any]], seed: list[dict[str, Any]], count: int, node: str
) -> list[dict[str, Any]]:
    """Copies of ``pattern`` with fresh identities and later stamps, N changes in all.

    A uid first seen in the pattern is a record the pattern made: each copy makes its own. Uids
    made before (the points, the incident, the activations) stay: each copy edits them again.
    ``base`` is what the laptop's journal would have held: the previous stamp of that field.
    """
    last: dict[tuple[str, str], str] = {}
    for change in seed:
        for name in change["fields"]:
            last[(change["uid"], name)] = max(last.get((change["uid"], name), ""), change["stamp"])
    made = {c["uid"] for c in pattern if not any((c["uid"], n) in last for n in c["fields"])}
    start = hlc.Stamp.parse(max(c["stamp"] for c in pattern))
    clock = hlc.Clock(node, wall=lambda: start.wall_ms, last=start)
    out: list[dict[str, Any]] = []
    copy = 0
    while len(out) < count:
        copy += 1
        fresh = {uid: str(uuid.uuid4()) for uid in made}
        for change in pattern:
            if len(out) == count:
                break
            fields = {}
            for name, value in change["fields"].items():
                if isinstance(value, str) and value in fresh:
                    value = fresh[value]
                elif name == "idempotency_key" and value:
                    value = f"{value}-k{copy}"
                fields[name] = value
            uid = fresh.get(change["uid"], change["uid"])
            stamp = str(clock.now())
            out.append(
                {
                    "id": str(uuid.uuid4()), "model": change["model"], "uid": uid, "stamp": stamp,
                    "origin": node, "fields": fields,
                    "base": {name: last.get((uid, name), "") for name in fields},
                }
            )  # fmt: skip
            for name in fields:
                last[(uid, name)] = stamp
    return out
