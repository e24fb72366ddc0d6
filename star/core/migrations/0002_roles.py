"""Every role exists as a group from the first migration on."""

from django.db import migrations

ROLE_NAMES = ("admin", "senior_leader", "regional_lead", "equality_analyst", "performance_analyst",
              "practice_lead", "learning_lead", "support_adviser", "manager", "practitioner")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
