# API keys are a person's credentials and now belong to the accounts app
# (accounts 0004): the model leaves this app's state; its table stays and is
# renamed by accounts 0005.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ApiToken")],
            database_operations=[],
        ),
    ]
