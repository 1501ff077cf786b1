"""ICANN's five strategic objectives as the default taxonomy (editable in the admin)."""

from django.db import migrations

DEFAULT_OBJECTIVES = [
    ("security", "Security", "安全"),
    ("governance", "Governance", "治理"),
    ("unique-identifiers", "Unique identifier systems", "唯一标识符系统"),
    ("geopolitics", "Geopolitics", "地缘政治"),
    ("financial-sustainability", "Financial sustainability", "财务可持续性"),
]


def add_objectives(apps, schema_editor):
    Objective = apps.get_model("recommendations", "Objective")
    for position, (code, name, chinese) in enumerate(DEFAULT_OBJECTIVES):
        Objective.objects.get_or_create(
            code=code, defaults={"name": name, "names": {"zh-hans": chinese}, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [migrations.RunPython(add_objectives, migrations.RunPython.noop)]
