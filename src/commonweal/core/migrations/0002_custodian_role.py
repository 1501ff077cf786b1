from django.db import migrations


def create_custodian(apps, schema_editor):
    # The second key holder of conduct reports (core/roles.py CUSTODIAN).
    apps.get_model("auth", "Group").objects.get_or_create(name="custodian")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_site_roles")]

    operations = [migrations.RunPython(create_custodian, migrations.RunPython.noop)]
