"""A person is named through one function, in pages, mails and downloads alike."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from tests.factories import UserFactory
from twinning.accounts.domain.personal_data import delete_personal_data
from twinning.common.people import contact_email, display_name

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "twinning" / "templates"
# `x.name|default:x.email`, `name|default:email`, and the same with the short name.
NAME_OR_EMAIL = re.compile(r"(name|get_full_name|get_short_name)\|default:[\w.]*email")


def _render(text: str, **context) -> str:
    return Template("{% load twinning_tags %}" + text).render(Context(context))


def test_no_template_names_a_person_by_name_or_email():
    places = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.rglob("*"))
        if path.is_file()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if NAME_OR_EMAIL.search(line)
    ]

    assert places == []


@pytest.mark.django_db
def test_person_is_the_name_else_the_email():
    named = UserFactory(name="Marta Rossi", email="marta@example.org")
    unnamed = UserFactory(name="", email="ana@example.org")

    assert _render("{{ a|person }} / {{ b|person }}", a=named, b=unnamed) == (
        "Marta Rossi / ana@example.org"
    )
    assert _render("{{ a|person_email }}", a=named) == "marta@example.org"


@pytest.mark.django_db
def test_person_is_a_former_member_when_the_account_was_deleted():
    user = UserFactory(name="Marta Rossi", email="marta@example.org")
    delete_personal_data(user, by=None)

    assert _render("{{ a|person }}|{{ a|person_email }}", a=user) == "a former member|"
    assert display_name(user) == "a former member"
    assert contact_email(user) == ""


def test_person_is_a_former_member_when_there_is_no_account():
    assert _render("{{ a|person }}|{{ a|person_email }}", a=None) == "a former member|"


def test_person_says_the_argument_when_there_is_no_account():
    assert _render('{{ a|person:"the platform" }}', a=None) == "the platform"
