import os
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from twinning.accounts.domain.organisers import create_organiser
from twinning.accounts.models import User
from twinning.common.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 7"


def test_create_organiser_makes_a_verified_organiser_who_can_sign_in(client):
    user, created = create_organiser(" First.Organiser@Example.org ", PASSWORD, name="Ana Lima")

    signed_in = client.login(email="first.organiser@example.org", password=PASSWORD)

    assert created is True
    assert (user.email, user.name, user.is_organiser, user.is_superuser) == (
        "first.organiser@example.org",
        "Ana Lima",
        True,
        False,
    )
    assert EmailAddress.objects.get(user=user).verified is True
    assert signed_in is True
    assert client.get("/orga/").status_code == 200
    assert AuditEntry.objects.get(object_id=str(user.pk)).action == "accounts.organiser_created"


def test_create_organiser_makes_an_existing_account_an_organiser():
    existing = User.objects.create_user("city@example.org", "old password 12345", name="Bo")

    user, created = create_organiser("city@example.org", PASSWORD)

    assert created is False
    assert user.pk == existing.pk
    assert (user.name, user.is_organiser, user.check_password(PASSWORD)) == ("Bo", True, True)


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("not-an-address", PASSWORD, "Enter a valid email address."),
        ("a@example.org", "12345678", "This password is too common."),
    ],
)
def test_create_organiser_refuses_a_bad_address_or_password(email, password, message):
    with pytest.raises(ValidationError) as refused:
        create_organiser(email, password)

    assert message in refused.value.messages
    assert User.objects.count() == 0


def test_create_organiser_command_reads_the_password_from_standard_input(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "TWINNING_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
    }
    run = [sys.executable, "-m", "twinning"]
    subprocess.run([*run, "migrate", "-v0"], env=env, check=True, timeout=300)

    made = subprocess.run(
        [*run, "create_organiser", "orga@example.org"],
        input=f"{PASSWORD}\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    refused = subprocess.run(
        [*run, "create_organiser", "orga@example.org"],
        input="\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert (made.returncode, made.stdout) == (
        0,
        "Organiser orga@example.org created: sign in at /accounts/login/.\n",
    )
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == ["CommandError: No password given."]
