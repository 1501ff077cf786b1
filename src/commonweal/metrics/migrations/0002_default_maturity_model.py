"""The default maturity model: five levels from initial to optimised, five dimensions."""

from django.db import migrations

LEVELS = [
    ("initial", "初始级"),
    ("repeatable", "可重复级"),
    ("defined", "已定义级"),
    ("quantitatively managed", "量化管理级"),
    ("optimised", "优化级"),
]
DIMENSIONS = [
    ("participation", "participation", "参与"),
    ("transparency", "transparency", "透明度"),
    ("outcomes", "outcomes", "成果"),
    ("efficiency", "efficiency", "效率"),
    ("capacity-building", "capacity building", "能力建设"),
]


def create_default(apps, schema_editor):
    MaturityModel = apps.get_model("metrics", "MaturityModel")
    Dimension = apps.get_model("metrics", "Dimension")
    model, created = MaturityModel.objects.get_or_create(
        slug="community-maturity",
        defaults={
            "name": "Community maturity",
            "names": {"zh-hans": "社群成熟度"},
            "levels": [{"name": en, "names": {"zh-hans": zh}} for en, zh in LEVELS],
            "is_default": True,
        },
    )
    if created:
        for position, (code, en, zh) in enumerate(DIMENSIONS):
            Dimension.objects.create(
                model=model, code=code, name=en, names={"zh-hans": zh}, position=position
            )


def remove_default(apps, schema_editor):
    apps.get_model("metrics", "MaturityModel").objects.filter(slug="community-maturity").delete()


class Migration(migrations.Migration):
    dependencies = [("metrics", "0001_initial")]

    operations = [migrations.RunPython(create_default, remove_default)]
