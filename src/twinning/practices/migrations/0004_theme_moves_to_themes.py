# The themes now live in their own app (themes 0001, 0002): the practices' links
# point there first, then the model leaves this app's state. Its table was
# renamed by themes 0002, so nothing is dropped.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0003_ambition_theme_moves_to_themes"),
        ("outreach", "0003_interest_themes_move_to_themes"),
        ("plans", "0003_action_themes_move_to_themes"),
        ("practices", "0003_practice_practiceattachment_practiceresult_and_more"),
        ("themes", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="practice",
            name="fields_of_action",
            field=models.ManyToManyField(
                limit_choices_to={"kind": "field"},
                related_name="practices_as_field",
                to="themes.theme",
                verbose_name="fields of action",
            ),
        ),
        migrations.AlterField(
            model_name="practice",
            name="levers",
            field=models.ManyToManyField(
                blank=True,
                limit_choices_to={"kind": "lever"},
                related_name="practices_as_lever",
                to="themes.theme",
                verbose_name="systemic levers",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Theme")],
            database_operations=[],
        ),
    ]
