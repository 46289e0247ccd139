"""Project members, stable GUIDs for the REFI-QDA export, and one target per memo.

The GUID columns are added nullable, filled row by row (a callable default would give every
existing row the same value), then made unique and required.
"""

import uuid

from django.conf import settings
from django.db import migrations, models

MODELS = ["project", "site", "source", "code", "segment", "coding", "memo"]


def fill_guids(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name in MODELS:
        model = apps.get_model("qualitative", name)
        for row in model.objects.filter(guid__isnull=True).only("pk"):
            row.guid = uuid.uuid4()
            row.save(update_fields=["guid"])


class Migration(migrations.Migration):
    dependencies = [
        ("qualitative", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="members",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="project members",
            ),
        ),
        *[
            migrations.AddField(
                model_name=name, name="guid", field=models.UUIDField(null=True, editable=False)
            )
            for name in MODELS
        ],
        migrations.RunPython(fill_guids, migrations.RunPython.noop),
        *[
            migrations.AlterField(
                model_name=name,
                name="guid",
                field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
            )
            for name in MODELS
        ],
        migrations.AddConstraint(
            model_name="memo",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("code__isnull", True), ("source__isnull", True)),
                    models.Q(("code__isnull", True), ("segment__isnull", True)),
                    models.Q(("segment__isnull", True), ("source__isnull", True)),
                    _connector="OR",
                ),
                name="qualitative_memo_one_target",
            ),
        ),
    ]
