"""The plan as a document to download: Markdown, and a PDF laid out for print."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify

from twinning.common import clock
from twinning.common.rendering import render_markdown
from twinning.plans.domain.queries import plan_with_everything

PRINT_STYLESHEET = "twinning/css/plan-print.css"


def _context(plan) -> dict:
    plan = plan_with_everything(plan)
    sections = list(plan.sections.all())
    for section in sections:
        section.html = render_markdown(section.text)
    return {
        "plan": plan,
        "twinning": plan.twinning,
        "cities": [m.city for m in plan.twinning.members.all()],
        "sections": sections,
        "actions": list(plan.actions.all()),
        "practices": list(plan.practices.all()),
        "today": clock.localdate(),
        "site_url": settings.SITE_URL,
    }


def file_name(plan, extension: str) -> str:
    cities = "-".join(slugify(m.city.name) for m in plan.twinning.members.select_related("city"))
    return f"{slugify(plan.kind_label)}-{cities}.{extension}"


def plan_markdown(plan) -> str:
    return render_to_string("plans/plan.md", _context(plan)).strip() + "\n"


def plan_html(plan) -> str:
    return render_to_string("plans/plan_pdf.html", _context(plan))


def print_document(plan):
    """The plan laid out in pages; the stylesheet is read from disk, nothing over HTTP."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - not a circle: a heavy library, loaded only for a PDF

    stylesheet = finders.find(PRINT_STYLESHEET)
    static_root = Path(stylesheet).parent.parent
    return HTML(string=plan_html(plan), base_url=str(static_root), url_fetcher=_local_only).render(
        stylesheets=[CSS(filename=stylesheet)]
    )


def plan_pdf(plan) -> bytes:
    return print_document(plan).write_pdf()


def _local_only(url: str, *args, **kwargs):
    # Text written by cities can hold links; a PDF must not make the server fetch them.
    from weasyprint.urls import default_url_fetcher  # noqa: PLC0415 - not a circle: a heavy library, loaded only for a PDF

    if not url.startswith("file://"):
        raise ValueError(f"not fetched: {url}")
    return default_url_fetcher(url, *args, **kwargs)


# --- certificates of participation ----------------------------------------------------


def certificate_file_name(certificate) -> str:
    return f"certificate-{slugify(certificate.holder)}-{certificate.code}.pdf"


def certificate_html(certificate) -> str:
    return render_to_string(
        "plans/certificate_pdf.html",
        {
            "certificate": certificate,
            "twinning": certificate.twinning,
            "cities": [m.city for m in certificate.twinning.members.select_related("city")],
            "verify_url": settings.SITE_URL
            + reverse("public:certificate", args=[certificate.code]),
        },
    )


def certificate_pdf(certificate) -> bytes:
    """The certificate on one page; the stylesheet is read from disk, nothing over HTTP."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - not a circle: a heavy library, loaded only for a PDF

    stylesheet = finders.find(PRINT_STYLESHEET)
    static_root = Path(stylesheet).parent.parent
    return (
        HTML(
            string=certificate_html(certificate), base_url=str(static_root), url_fetcher=_local_only
        )
        .render(stylesheets=[CSS(filename=stylesheet)])
        .write_pdf()
    )
