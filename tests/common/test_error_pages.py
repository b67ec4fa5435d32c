"""Error pages in the site's layout, each saying what the person can do next."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.template import loader
from django.test import Client, override_settings
from django.urls import path

from tests.factories import UserFactory
from twinning.site import urls as site_urls

pytestmark = pytest.mark.django_db


def _fails(request):
    raise RuntimeError("a bug")


def _refuses(request):
    raise PermissionDenied


# The site's addresses, plus two that fail, for the 500 and 403 pages.
urlpatterns = [
    path("fails/", _fails),
    path("refuses/", _refuses),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400
handler500 = site_urls.handler500


def _page(response) -> tuple[int, str, int, str]:
    """(status, h1, number of main landmarks, first sentence after the h1)."""
    html = response.content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()
    after = re.search(r"</h1>\s*<p>(.*?)</p>", html, re.S).group(1)
    return response.status_code, h1, len(re.findall(r'<main id="main"', html)), after


def _is_branded(response) -> bool:
    html = response.content.decode()
    return 'class="site-header"' in html and 'class="site-footer"' in html


@override_settings(DEBUG=False)
def test_404_page_is_branded_and_points_to_the_start_page(client):
    response = client.get("/no-such-page/")

    assert _page(response)[:3] == (404, "Page not found", 1)
    assert _is_branded(response)
    assert '<a href="/">start page</a>' in response.content.decode()


@override_settings(DEBUG=False)
def test_403_page_of_a_refused_view_is_branded(client):
    client.force_login(UserFactory())

    response = client.get("/orga/")

    assert _page(response)[:3] == (403, "You may not open this page", 1)
    assert _is_branded(response)
    assert "mailto:twinning@netzerocities.eu" in response.content.decode()


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_403_page_offers_a_visitor_to_sign_in(client):
    response = client.get("/refuses/")

    assert _page(response)[:3] == (403, "You may not open this page", 1)
    assert '<a href="/accounts/login/?next=/refuses/">Sign in</a>' in response.content.decode()


@override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
def test_400_page_is_branded(client):
    response = client.get("/", HTTP_HOST="elsewhere.example.org")

    assert _page(response)[:3] == (400, "The request could not be understood", 1)
    assert _is_branded(response)
    assert "mailto:twinning@netzerocities.eu" in response.content.decode()


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_500_page_is_branded():
    client = Client(raise_request_exception=False)

    response = client.get("/fails/")

    assert _page(response)[:3] == (500, "Something went wrong on our side", 1)
    assert _is_branded(response)
    assert "mailto:twinning@netzerocities.eu" in response.content.decode()


def test_500_page_renders_without_a_request_and_without_the_database(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render({})

    assert re.search(r"<h1>(.*?)</h1>", html).group(1) == "Something went wrong on our side"
    assert html.count('<main id="main"') == 1


@override_settings(DEBUG=False)
def test_csrf_failure_page_says_to_reload_the_form():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/contact/", {"name": "Ana"})

    status, h1, mains, _after = _page(response)
    assert (status, h1, mains) == (403, "The form could not be sent", 1)
    assert _is_branded(response)
    assert "reload the page with the form" in response.content.decode()
