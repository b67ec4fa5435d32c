# The themes' table takes this app's name once every link points to the model here.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0001_initial"),
        ("practices", "0004_theme_moves_to_themes"),
    ]

    operations = [
        migrations.AlterModelTable(
            name="theme",
            table=None,
        ),
    ]
