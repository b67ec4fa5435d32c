"""The deployment checks of the platform's own settings."""

import pytest
from django.test import override_settings

from twinning.common.checks import check_site_url


@pytest.mark.parametrize(
    ("site_url", "message"),
    [
        ("", "SITE_URL is not set: links in e-mails would lead nowhere."),
        (
            "http://127.0.0.1:8000",
            "SITE_URL is http://127.0.0.1:8000, an address of this machine only: "
            "links in e-mails would lead nowhere.",
        ),
        (
            "https://127.0.1.1",
            "SITE_URL is https://127.0.1.1, an address of this machine only: "
            "links in e-mails would lead nowhere.",
        ),
        (
            "https://localhost",
            "SITE_URL is https://localhost, an address of this machine only: "
            "links in e-mails would lead nowhere.",
        ),
        (
            "https://[::1]:8000",
            "SITE_URL is https://[::1]:8000, an address of this machine only: "
            "links in e-mails would lead nowhere.",
        ),
        (
            "http://twinning.example.org",
            "SITE_URL is http://twinning.example.org, not https: "
            "links in e-mails would be sent unencrypted.",
        ),
        (
            "twinning.example.org",
            "SITE_URL is twinning.example.org, not https: "
            "links in e-mails would be sent unencrypted.",
        ),
    ],
)
def test_site_url_check_refuses_an_address_mail_links_cannot_use(site_url, message):
    with override_settings(DEBUG=False, SITE_URL=site_url):
        errors = check_site_url(None)

    assert [(e.id, e.msg) for e in errors] == [("twinning.E001", message)]
    assert errors[0].hint == (
        "Set SITE_URL to the site's public https address, e.g. https://twinning.example.org."
    )


def test_site_url_check_accepts_a_public_https_address():
    with override_settings(DEBUG=False, SITE_URL="https://twinning.example.org"):
        assert check_site_url(None) == []


def test_site_url_check_leaves_development_alone():
    with override_settings(DEBUG=True, SITE_URL="http://127.0.0.1:8000"):
        assert check_site_url(None) == []
