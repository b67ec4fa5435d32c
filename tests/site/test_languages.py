"""Choosing the language: by address, switcher, account or browser; mail in its reader's."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import PASSWORD, UserFactory
from twinning.mail.domain import queue_mail
from twinning.mail.models import OutgoingMail

pytestmark = pytest.mark.django_db


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        translated = gettext(text)
    assert translated != text, f"{text!r} has no {language} translation"
    return translated


def test_english_keeps_its_unprefixed_addresses(client):
    response = client.get("/practices/")

    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize("language", ["fr", "de", "it", "es", "pl"])
def test_each_language_has_its_prefix_and_reads_in_it(client, language):
    response = client.get(f"/{language}/practices/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert in_language(language, "Practices") in html
    assert response["Content-Language"] == language


def test_a_first_visit_follows_the_browser_and_keeps_the_query(client):
    response = client.get("/practices/?q=heat", HTTP_ACCEPT_LANGUAGE="pl-PL,pl;q=0.9,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/pl/practices/?q=heat"
    assert "Accept-Language" in response["Vary"]


def test_a_browser_in_a_language_the_site_lacks_reads_english(client):
    response = client.get("/practices/", HTTP_ACCEPT_LANGUAGE="fi")

    assert response.status_code == 200


def test_a_chosen_language_wins_over_the_browser(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/fr/practices/"})

    response = client.get("/practices/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_the_switcher_leads_to_the_same_page_in_the_chosen_language(client):
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/fr/practices/?q=x"})

    assert response.status_code == 302
    assert response["Location"] == "/de/practices/?q=x"
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/de/practices/"})
    assert response["Location"] == "/practices/"


def test_the_switcher_refuses_a_language_the_site_lacks_without_an_error(client):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/fr/practices/"})

    assert response.status_code == 302
    assert response["Location"] == "/fr/practices/"


def test_the_switcher_is_a_labelled_form_naming_each_language_in_itself(client):
    html = client.get("/fr/").content.decode()

    form = re.search(r'<form class="language-switcher".*?</form>', html, re.S).group(0)
    assert 'action="/i18n/setlang/"' in form and 'method="post"' in form
    assert f">{in_language('fr', 'Language')}</label>" in form
    names = re.findall(r'<option value="(\w+)" lang="\w+"[^>]*>([^<]+)</option>', form)
    assert names == [
        ("en", "English"),
        ("fr", "Français"),
        ("de", "Deutsch"),
        ("it", "Italiano"),
        ("es", "Español"),
        ("pl", "Polski"),
    ]
    assert '<option value="fr" lang="fr" selected>' in form


def test_every_page_names_its_copies_in_the_other_languages(client):
    html = client.get("/fr/practices/").content.decode()

    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))
    assert alternates == {
        "en": "http://testserver/practices/",
        "x-default": "http://testserver/practices/",
        "fr": "http://testserver/fr/practices/",
        "de": "http://testserver/de/practices/",
        "it": "http://testserver/it/practices/",
        "es": "http://testserver/es/practices/",
        "pl": "http://testserver/pl/practices/",
    }


def test_the_choice_is_kept_on_the_account_and_leads_on_every_visit(client):
    person = UserFactory(language="")
    client.force_login(person)

    client.post("/i18n/setlang/", {"language": "it", "next": "/portal/"})
    client.cookies.clear()  # another browser, the same person

    person.refresh_from_db()
    assert person.language == "it"
    client.force_login(person)
    response = client.get("/portal/account/")
    assert response.status_code == 302
    assert response["Location"] == "/it/portal/account/"


def test_signing_in_keeps_the_language_of_a_person_who_never_chose(client):
    person = UserFactory(language="")
    chose = UserFactory(language="de")

    for who in (person, chose):
        response = client.post("/es/accounts/login/", {"login": who.email, "password": PASSWORD})
        assert response.status_code == 302
        client.logout()

    person.refresh_from_db()
    chose.refresh_from_db()
    assert (person.language, chose.language) == ("es", "de")


def test_a_form_sent_to_an_english_address_is_answered_there(client):
    response = client.post("/contact/", {}, HTTP_ACCEPT_LANGUAGE="fr")

    # Not redirected (the form would be lost): the errors come back on the same page.
    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_the_api_answers_in_the_language_asked_for(client):
    response = client.get("/api/v1/nowhere/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 404
    assert response.headers["Content-Language"] == "fr"


def test_sign_in_pages_read_in_the_chosen_language_and_in_sentence_case(client):
    english = client.get("/accounts/login/").content.decode()
    french = client.get("/fr/accounts/login/").content.decode()

    assert "Sign in" in english and "Sign In" not in english
    assert "Connexion" in french


def test_mail_is_written_in_each_reader_s_own_language(django_capture_on_commit_callbacks):
    UserFactory(email="anna@example.org", language="pl")
    UserFactory(email="jean@example.org", language="fr")
    UserFactory(email="lisa@example.org", language="")

    with translation.override("de"):  # the person who caused the mail reads German
        queue_mail(
            "test_message",
            ["anna@example.org", "jean@example.org", "lisa@example.org", "new@example.org"],
            {"name": "Anna"},
        )

    written = {tuple(m.to): (m.language, m.subject) for m in OutgoingMail.objects.all()}
    hello = "Hello %(name)s"
    assert written == {
        ("anna@example.org",): ("pl", "[Twinning] " + in_language("pl", hello) % {"name": "Anna"}),
        ("jean@example.org",): ("fr", "[Twinning] " + in_language("fr", hello) % {"name": "Anna"}),
        # an account that never chose reads the site's default
        ("lisa@example.org",): ("en", "[Twinning] Hello Anna"),
        # an address without an account reads the language of the page that caused it
        ("new@example.org",): ("de", "[Twinning] " + in_language("de", hello) % {"name": "Anna"}),
    }
