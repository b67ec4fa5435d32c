"""Public pages: webinar registration, the interest survey, the contact form."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from twinning.cohorts.domain.queries import published_webinar_or_404
from twinning.cohorts.models import Webinar
from twinning.common import clock
from twinning.common.forms import refuse_on_form
from twinning.common.limits import LimitReached, check_form_limits, client_address
from twinning.outreach.domain.messages import receive_contact_message, receive_interest
from twinning.outreach.domain.queries import seat_by_token_or_404
from twinning.outreach.domain.webinars import (
    SeatRefused,
    cancel_webinar_registration,
    confirm_webinar_registration,
    is_open_for_registration,
    register_for_webinar,
    seats_taken,
    webinar_calendar,
)
from twinning.outreach.forms import ContactForm, InterestForm, WebinarRegistrationForm


def _seats_left(webinar: Webinar) -> int | None:
    if webinar.capacity is None:
        return None
    return max(webinar.capacity - seats_taken(webinar), 0)


@require_http_methods(["GET", "POST"])
def webinar_register(request, pk):
    webinar = published_webinar_or_404(pk)
    if not is_open_for_registration(webinar):
        # Once it has started the page says what happened instead of offering a form.
        return render(
            request,
            "public/webinar_register.html",
            {"webinar": webinar, "closed": True, "over": webinar.ends_at <= clock.now()},
            status=409 if request.method == "POST" else 200,
        )
    form = WebinarRegistrationForm(request.POST or None)
    status = None
    if request.method == "POST" and form.is_valid():
        details = {k: v for k, v in form.cleaned_data.items()}
        try:
            check_form_limits(request, "webinar", details["email"])
            register_for_webinar(webinar, **details)
        except LimitReached as refusal:
            refuse_on_form(form, refusal)
            status = 429
        except SeatRefused as refusal:
            refuse_on_form(form, refusal)
        else:
            # The link to confirm goes by e-mail only: whoever typed the address
            # must own the mailbox before the seat counts.
            return redirect("public:webinar_register_sent", pk=webinar.pk)
    return render(
        request,
        "public/webinar_register.html",
        {"webinar": webinar, "form": form, "seats_left": _seats_left(webinar)},
        status=status or (400 if form.errors else 200),
    )


def webinar_register_sent(request, pk):
    webinar = published_webinar_or_404(pk)
    return render(
        request,
        "public/webinar_register_sent.html",
        {"webinar": webinar, "hours": settings.WEBINAR_CONFIRMATION_HOURS},
    )


@require_http_methods(["GET", "POST"])
def webinar_confirm(request, token):
    registration = seat_by_token_or_404(token)
    refusal = None
    # A GET only shows the button: mail scanners open links, and must not confirm.
    if request.method == "POST":
        try:
            confirm_webinar_registration(registration)
        except SeatRefused as error:
            refusal = str(error)
        else:
            return redirect("public:webinar_registered", token=registration.token)
    return render(
        request,
        "public/webinar_confirm.html",
        {"registration": registration, "refusal": refusal},
        status=409 if refusal else 200,
    )


def webinar_registered(request, token):
    registration = seat_by_token_or_404(token)
    return render(request, "public/webinar_registered.html", {"registration": registration})


@require_http_methods(["GET", "POST"])
def webinar_cancel(request, token):
    registration = seat_by_token_or_404(token)
    if request.method == "POST":
        cancel_webinar_registration(registration)
        messages.success(request, _("Your registration is cancelled. Thank you for telling us."))
        return redirect("public:webinar_registered", token=registration.token)
    return render(request, "public/webinar_cancel.html", {"registration": registration})


def webinar_ics(request, pk):
    webinar = published_webinar_or_404(pk)
    response = HttpResponse(
        webinar_calendar(webinar, with_link=False), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="webinar-{webinar.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def interest(request):
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            check_form_limits(request, "interest", data["email"])
        except LimitReached as refusal:
            refuse_on_form(form, refusal)
            return render(request, "public/interest.html", {"form": form}, status=429)
        receive_interest(themes=data.pop("themes"), **data)
        return render(request, "public/thanks.html", {"title": _("Thank you for your interest")})
    return render(
        request, "public/interest.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def contact(request):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_robot():
            return render(request, "public/thanks.html", {"title": _("Message sent")})
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            check_form_limits(request, "contact", data["email"])
        except LimitReached as refusal:
            refuse_on_form(form, refusal)
            return render(request, "public/contact.html", {"form": form}, status=429)
        receive_contact_message(ip_address=client_address(request), **data)
        return render(request, "public/thanks.html", {"title": _("Message sent")})
    return render(
        request, "public/contact.html", {"form": form}, status=400 if form.errors else 200
    )


def privacy(request):
    return render(request, "public/privacy.html")
