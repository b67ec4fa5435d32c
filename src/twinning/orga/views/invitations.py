"""Organiser pages: inviting Mission-minded cities, one by one or from a CSV file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.cities.domain.invitation_upload import invite_from_rows
from twinning.cities.domain.invitations import create_invitation
from twinning.cities.domain.queries import invitations_of
from twinning.cities.forms import InvitationForm, InvitationUploadForm
from twinning.cohorts.domain.queries import current_cohort
from twinning.common.forms import refuse_on_form
from twinning.common.permissions import requires

PAGE_SIZE = 50


@requires("cities.invite")
def invitation_list(request):
    """The current cohort's invitations, and the forms to send more."""
    cohort = current_cohort()
    form = InvitationForm(prefix="one")
    upload = InvitationUploadForm(prefix="csv")
    report = None
    status = 200
    if request.method == "POST" and cohort is not None:
        if "one-email" in request.POST:
            form = InvitationForm(request.POST, prefix="one")
            if form.is_valid():
                data = form.cleaned_data
                try:
                    invitation = create_invitation(
                        cohort,
                        email=data["email"],
                        city_name=data["city_name"],
                        country=data["country"],
                        partner_project=data["partner_project"],
                        expires_at=data["expires_at"],
                        by=request.user,
                    )
                except ValidationError as error:
                    refuse_on_form(form, error)
                else:
                    messages.success(
                        request,
                        _("%(city)s is invited: the link was sent to %(email)s.")
                        % {"city": invitation.city, "email": invitation.email},
                    )
                    return redirect("orga:invitations")
        else:
            upload = InvitationUploadForm(request.POST, request.FILES, prefix="csv")
            if upload.is_valid():
                report = invite_from_rows(cohort, upload.rows, by=request.user)
                report.errors = sorted(upload.row_errors + report.errors)
                if report.created:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d invitation sent.",
                            "%(count)d invitations sent.",
                            len(report.created),
                        )
                        % {"count": len(report.created)},
                    )
                if not report.errors:
                    return redirect("orga:invitations")
        status = 400
    page = Paginator(invitations_of(cohort) if cohort else [], PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "orga/review/invitations.html",
        {
            "cohort": cohort,
            "form": form,
            "upload": upload,
            "report": report,
            "page": page,
            "invitations": list(page.object_list),
        },
        status=status,
    )
