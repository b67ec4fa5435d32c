"""Error pages in the site's layout, each saying what the person can do next.

The 403 and 404 pages are Django's own views with the templates 403.html and
404.html, rendered with the request. The 400 and 500 pages are rendered from
settings alone: the request may be what failed, and no context processor nor
database query may run while the site is failing.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def _without_request(template_name: str) -> str:
    return loader.get_template(template_name).render(
        {"PROGRAMME_CONTACT_EMAIL": settings.PROGRAMME_CONTACT_EMAIL}
    )


def bad_request(request, exception=None):
    return HttpResponseBadRequest(_without_request("400.html"))


def server_error(request):
    return HttpResponseServerError(_without_request("500.html"))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form expired or cookies are blocked; say how to send it again."""
    return render(request, "403_csrf.html", status=403)
