"""Organiser pages: mailings written to a group of people, checked, then sent once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from twinning.common.forms import refuse_on_form
from twinning.common.permissions import requires
from twinning.mailings.domain import (
    NAME_PLACEHOLDER,
    delete_mailing,
    preview_mail,
    recipients_of,
    save_mailing,
    send_mailing,
)
from twinning.mailings.domain.queries import mailing_or_404, mailings, mails_of, with_mail_counts
from twinning.mailings.domain.segments import SEGMENTS
from twinning.mailings.enums import MailingState, MailKind
from twinning.mailings.forms import MailingForm
from twinning.mailings.models import Mailing

PAGE_SIZE = 30


@requires("outreach.manage")
def mailing_list(request):
    page = Paginator(mailings(), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = with_mail_counts(page)
    for mailing in rows:
        segment = SEGMENTS.get(mailing.segment)
        mailing.segment_label = segment.label if segment else mailing.segment
    return render(request, "orga/mailings/list.html", {"page": page, "rows": rows})


@requires("outreach.manage")
def mailing_form(request, pk=None):
    mailing = mailing_or_404(pk) if pk else Mailing()
    if mailing.state == MailingState.SENT:
        messages.error(request, _("This mailing was sent: it can no longer be changed."))
        return redirect("orga:mailing", mailing.pk)
    form = MailingForm(request.POST or None, instance=mailing)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_mailing(form.save(commit=False), by=request.user)
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("The draft is saved. Check who it goes to, then send it."))
            return redirect("orga:mailing", saved.pk)
    return render(
        request,
        "orga/mailings/form.html",
        {
            "form": form,
            "mailing": mailing if pk else None,
            "segments": SEGMENTS,
            "placeholder": NAME_PLACEHOLDER,
        },
        status=400 if form.is_bound else 200,
    )


def _detail(request, mailing, *, status=200):
    segment = SEGMENTS.get(mailing.segment)
    people = recipients_of(mailing) if mailing.state == MailingState.DRAFT else []
    preview = preview_mail(mailing, people[0]) if people else None
    sent = list(mails_of(mailing)) if mailing.state == MailingState.SENT else []
    return render(
        request,
        "orga/mailings/detail.html",
        {
            "mailing": mailing,
            "segment": segment,
            "is_newsletter": segment is not None and segment.kind == MailKind.NEWSLETTER,
            "recipients": people,
            "preview_recipient": people[0] if people else None,
            "preview": preview,
            "sent_mails": sent,
        },
        status=status,
    )


@requires("outreach.manage")
def mailing_detail(request, pk):
    return _detail(request, mailing_or_404(pk))


@requires("outreach.manage")
@require_POST
def mailing_send(request, pk):
    mailing = mailing_or_404(pk)
    expected = request.POST.get("expected", "")
    try:
        count = send_mailing(
            mailing, by=request.user, expected=int(expected) if expected.isdigit() else None
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        mailing.refresh_from_db()
        return _detail(request, mailing, status=409)
    messages.success(
        request,
        ngettext(
            "The mailing is on its way to %(count)d person.",
            "The mailing is on its way to %(count)d people.",
            count,
        )
        % {"count": count},
    )
    return redirect("orga:mailing", mailing.pk)


@requires("outreach.manage")
@require_POST
def mailing_delete(request, pk):
    mailing = mailing_or_404(pk)
    try:
        delete_mailing(mailing, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("orga:mailing", mailing.pk)
    messages.success(request, _("The draft is deleted."))
    return redirect("orga:mailings")
