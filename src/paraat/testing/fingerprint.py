"""A fingerprint of everything Paraat has stored, to prove that a refused file changed nothing.

Every row of every model of a ``paraat.*`` app (and the users) goes into one SHA-256, in primary
key order, so an added, removed or altered row of any table changes the fingerprint. Works the
same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json

from django.apps import apps


def database_fingerprint() -> str:
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if not model.__module__.startswith("paraat."):
            continue
        digest.update(model._meta.label.encode())
        fields = [f.attname for f in model._meta.concrete_fields]
        for values in model._default_manager.order_by("pk").values_list(*fields):
            digest.update(json.dumps(values, default=str, sort_keys=True).encode())
    return digest.hexdigest()
