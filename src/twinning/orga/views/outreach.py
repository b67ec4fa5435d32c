"""Organiser pages: webinar registrations and attendance, survey answers, the inbox, the outbox."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.cities.countries import COUNTRY_CHOICES
from twinning.cities.enums import CityKind
from twinning.cohorts.domain.queries import webinar_or_404
from twinning.common.exports import FORMATS, export_response
from twinning.common.permissions import requires
from twinning.mail.domain import can_resend, resend_mail
from twinning.mail.domain.queries import outbox as outbox_mails
from twinning.mail.domain.queries import outgoing_mail_or_404
from twinning.mail.enums import MailStatus
from twinning.orga.views import attendance_saved
from twinning.outreach.domain.messages import invite_from_interest, mark_contact_message_handled
from twinning.outreach.domain.queries import (
    contact_message_or_404,
    contact_messages,
    counted_registrations,
    filter_interest,
    interest_expression_or_404,
    registrations_awaiting_confirmation,
    webinar_with_counts_or_404,
    webinars_with_counts,
)
from twinning.outreach.domain.webinars import can_cancel_webinar, set_attendance
from twinning.outreach.enums import SeatStatus
from twinning.themes.domain.queries import all_themes


@requires("outreach.manage")
def webinar_list(request):
    return render(request, "orga/webinars.html", {"webinars": list(webinars_with_counts())})


@requires("outreach.manage")
def webinar_detail(request, pk):
    webinar = webinar_with_counts_or_404(pk)
    if request.method == "POST":
        attended = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
        count = set_attendance(webinar, attended, by=request.user)
        messages.success(request, attendance_saved(count))
        return redirect("orga:webinar_detail", pk=webinar.pk)
    registrations = counted_registrations(webinar).order_by("status", "created", "id")
    return render(
        request,
        "orga/webinar_detail.html",
        {
            "webinar": webinar,
            "registrations": list(registrations),
            "awaiting": registrations_awaiting_confirmation(webinar),
            "can_cancel": can_cancel_webinar(webinar),
            "SeatStatus": SeatStatus,
        },
    )


@requires("outreach.manage")
def webinar_export(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404
    webinar = webinar_or_404(pk)
    headers = [
        _("Name"), _("E-mail"), _("Organisation"), _("City"), _("Country"), _("Role"),
        _("Status"), _("Registered"), _("Attended"),
    ]  # fmt: skip
    rows = (
        [
            r.name,
            r.email,
            r.organisation,
            r.city,
            r.get_country_display(),
            r.get_role_display(),
            r.get_status_display(),
            r.created,
            r.attended,
        ]
        for r in counted_registrations(webinar).order_by("created", "id")
    )
    return export_response(fmt, f"webinar-{webinar.pk}-registrations", headers, rows)


def _interest_filters(request) -> dict:
    keys = ("kind", "country", "theme", "q", "invited")
    return {key: request.GET.get(key, "").strip() for key in keys}


@requires("outreach.manage")
def interest_list(request):
    filters = _interest_filters(request)
    page = Paginator(filter_interest(**filters), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "orga/interest.html",
        {
            "page": page,
            "filters": filters,
            "kinds": CityKind.choices,
            "countries": COUNTRY_CHOICES,
            "themes": all_themes(),
            "query": request.GET.urlencode(),
        },
    )


@requires("outreach.manage")
def interest_export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    headers = [
        _("Received"), _("City"), _("Country"), _("Kind"), _("Partner project"),
        _("Contact person"), _("E-mail"), _("Themes"), _("Message"), _("Invited"),
    ]  # fmt: skip
    rows = (
        [
            a.created,
            a.city_name,
            a.get_country_display(),
            a.get_kind_display(),
            a.partner_project or "",
            a.contact_name,
            a.email,
            ", ".join(t.label for t in a.themes.all()),
            a.message,
            a.invited_at,
        ]
        for a in filter_interest(**_interest_filters(request))
    )
    return export_response(fmt, "expressions-of-interest", headers, rows)


@requires("outreach.manage")
def inbox(request):
    show = request.GET.get("show", "open")
    contacts = contact_messages(open_only=show == "open")
    page = Paginator(contacts, 30).get_page(request.GET.get("page"))
    return render(request, "orga/inbox.html", {"page": page, "show": show})


@requires("outreach.manage")
@require_POST
def inbox_mark(request, pk):
    contact = contact_message_or_404(pk)
    handled = request.POST.get("handled") == "1"
    mark_contact_message_handled(contact, by=request.user, handled=handled)
    messages.success(request, _("Marked as handled.") if handled else _("Marked as not handled."))
    return redirect("orga:inbox")


@requires("mail.view_outbox")
def outbox(request):
    status = request.GET.get("status", "")
    page = Paginator(outbox_mails(status), 50).get_page(request.GET.get("page"))
    for mail in page:
        mail.can_resend = can_resend(mail)
    return render(
        request,
        "orga/outbox.html",
        {"page": page, "status": status, "statuses": MailStatus.choices},
    )


@requires("mail.view_outbox")
@require_POST
def outbox_resend(request, pk):
    mail = outgoing_mail_or_404(pk)
    try:
        resend_mail(mail, by=request.user)
    except ValueError:
        messages.error(request, _("This message is already on its way."))
    else:
        messages.success(request, _("The message is queued again."))
    return redirect("orga:outbox")


@requires("outreach.manage")
@require_POST
def interest_invite(request, pk):
    """Turn a Mission-minded city's answer into an invitation to register, in one step."""

    answer = interest_expression_or_404(pk)
    try:
        invite_from_interest(answer, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(city)s is invited: the invitation was sent to %(email)s.")
            % {"city": answer.city_name, "email": answer.email},
        )
    return redirect(f"{reverse('orga:interest')}?{request.POST.get('return_query', '')}")
