"""A globally unique id for every row that can be made on two instances (see docs/sync.md).

Added nullable, filled with a fresh uuid per existing row, then made unique.
"""

import uuid

from django.db import migrations, models

MODELS = ["auditentry"]


def fill_uids(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("core", name)
        rows = list(model.objects.filter(uid__isnull=True).only("pk"))
        for row in rows:
            row.uid = uuid.uuid4()
        model.objects.bulk_update(rows, ["uid"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_entry_region")]

    operations = [
        migrations.AddField(
            model_name="auditentry", name="uid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill_uids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
