# The themes were first part of the practices app. The model moves here without
# touching the database (its table keeps its name until 0002); content types and
# permissions follow it.

from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="practices", model="theme").update(app_label="themes")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="themes", model="theme").update(app_label="practices")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        # Every table that refers to the themes exists before the model moves.
        ("practices", "0003_practice_practiceattachment_practiceresult_and_more"),
        ("cities", "0002_registration_authority_type_and_more"),
        ("outreach", "0002_webinar_confirmation"),
        ("plans", "0002_action_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Theme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("code", models.SlugField(max_length=60, unique=True, verbose_name="code")),
                        (
                            "kind",
                            models.CharField(
                                choices=[("field", "Field of action"), ("lever", "Systemic lever")],
                                max_length=10,
                                verbose_name="kind",
                            ),
                        ),
                        ("name", models.CharField(max_length=120, verbose_name="name")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        (
                            "is_focus",
                            models.BooleanField(
                                default=False,
                                help_text="One of the programme's focus themes.",
                                verbose_name="focus theme",
                            ),
                        ),
                        (
                            "position",
                            models.PositiveSmallIntegerField(default=0, verbose_name="position"),
                        ),
                    ],
                    options={
                        "verbose_name": "theme",
                        "verbose_name_plural": "themes",
                        "ordering": ["kind", "position", "name"],
                        "db_table": "practices_theme",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
