from django.db import migrations


def add_taxonomy(apps, schema_editor):
    from twinning.themes.taxonomy import THEMES

    Theme = apps.get_model("practices", "Theme")
    for position, (code, kind, name, is_focus) in enumerate(THEMES):
        Theme.objects.get_or_create(
            code=code,
            defaults={"kind": str(kind), "name": str(name), "is_focus": is_focus, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(add_taxonomy, migrations.RunPython.noop)]
