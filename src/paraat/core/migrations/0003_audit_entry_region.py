"""Each audit entry names its region, so a coordinator reads only their own region's trail.

Existing entries get the region of the row they recorded (from its stored values, following the
same foreign keys as paraat.core.audit), else their actor's region; entries of install-wide rows
stay without one and only a superuser sees them.
"""

from __future__ import annotations

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

BATCH = 1000


def assign_regions(apps, schema_editor):
    from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist

    from paraat.core.audit import region_id_of

    AuditEntry = apps.get_model("core", "AuditEntry")
    Region = apps.get_model("areas", "Region")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    regions = set(Region.objects.values_list("pk", flat=True))
    if not regions:
        return
    user_regions = dict(User.objects.values_list("pk", "region_id"))
    known: dict[tuple[str, str], int | None] = {}
    changed = []
    for entry in AuditEntry.objects.filter(region__isnull=True).iterator(chunk_size=BATCH):
        key = (entry.model, entry.object_pk)
        if key not in known:
            known[key] = None
            try:
                model = apps.get_model(entry.model)
            except LookupError:
                model = None
            values = entry.after or entry.before or {}
            if model is not None:
                attnames = {f.attname for f in model._meta.concrete_fields}
                data = {k: v for k, v in values.items() if k in attnames}
                try:
                    instance = model(**data)
                    instance.pk = instance.pk or entry.object_pk
                    found = region_id_of(instance)
                    known[key] = int(found) if found is not None else None
                except (TypeError, ValueError, ObjectDoesNotExist, FieldDoesNotExist):
                    known[key] = None
        region_id = known[key]
        if region_id not in regions:
            region_id = user_regions.get(entry.actor_id)
        if region_id in regions:
            entry.region_id = region_id
            changed.append(entry)
        if len(changed) >= BATCH:
            AuditEntry.objects.bulk_update(changed, ["region"])
            changed = []
    if changed:
        AuditEntry.objects.bulk_update(changed, ["region"])


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("areas", "0002_region_cap_identity"),
        ("core", "0002_audit_actions_for_accounts"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="region",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="areas.region",
                verbose_name="safety region",
            ),
        ),
        migrations.RunPython(assign_regions, migrations.RunPython.noop),
    ]
