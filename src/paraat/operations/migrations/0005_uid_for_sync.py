"""A globally unique id for every row that can be made on two instances (see docs/sync.md).

Added nullable, filled with a fresh uuid per existing row, then made unique.
"""

import uuid

from django.db import migrations, models

MODELS = ["incident", "activation", "statusreport", "helprequest", "logentry"]


def fill_uids(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("operations", name)
        rows = list(model.objects.filter(uid__isnull=True).only("pk"))
        for row in rows:
            row.uid = uuid.uuid4()
        model.objects.bulk_update(rows, ["uid"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("operations", "0004_relay_erased_at")]

    operations = [
        migrations.AddField(
            model_name="incident", name="uid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="activation", name="uid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="statusreport", name="uid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="helprequest", name="uid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="logentry", name="uid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill_uids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="incident",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="activation",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="statusreport",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="helprequest",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="logentry",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
