"""The default strategic objectives named in Arabic, French, Russian and Spanish too.

Names an administrator has already set are kept; only missing languages are added.
"""

from django.db import migrations

NAMES = {
    "security": {"ar": "الأمن", "fr": "Sécurité", "ru": "Безопасность", "es": "Seguridad"},
    "governance": {"ar": "الحوكمة", "fr": "Gouvernance", "ru": "Управление", "es": "Gobernanza"},
    "unique-identifiers": {
        "ar": "أنظمة المعرّفات الفريدة",
        "fr": "Systèmes d'identificateurs uniques",
        "ru": "Системы уникальных идентификаторов",
        "es": "Sistemas de identificadores únicos",
    },
    "geopolitics": {
        "ar": "الجغرافيا السياسية",
        "fr": "Géopolitique",
        "ru": "Геополитика",
        "es": "Geopolítica",
    },
    "financial-sustainability": {
        "ar": "الاستدامة المالية",
        "fr": "Viabilité financière",
        "ru": "Финансовая устойчивость",
        "es": "Sostenibilidad financiera",
    },
}


def add_names(apps, schema_editor):
    Objective = apps.get_model("recommendations", "Objective")
    for objective in Objective.objects.filter(code__in=NAMES):
        names = {**NAMES[objective.code], **objective.names}
        if names != objective.names:
            objective.names = names
            objective.save(update_fields=["names"])


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0002_default_objectives")]

    operations = [migrations.RunPython(add_names, migrations.RunPython.noop)]
