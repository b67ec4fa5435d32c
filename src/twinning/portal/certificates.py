"""Certificates of participation in the twinning's workspace: listed and downloaded."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from twinning.plans import documents
from twinning.plans.domain.queries import (
    certificate_of_twinning_or_404,
    certificates_for,
    certificates_of_twinning,
)
from twinning.programme.domain.lifecycle import missing_for_completion
from twinning.programme.domain.queries import workspace_twinning_or_404
from twinning.programme.enums import TwinningState


def workspace_certificates(request, twinning) -> dict:
    """What the workspace says of the twinning's end: what is left, and the certificates."""
    if request.user.has_perm("plans.issue_certificates"):
        certificates = certificates_of_twinning(twinning)
    else:
        certificates = certificates_for(request.user, twinning)
    return {
        "certificates": certificates,
        "still_to_complete": missing_for_completion(twinning)
        if twinning.state == TwinningState.ACTIVE
        else [],
    }


@login_required
def certificate_download(request, pk, certificate_pk):
    twinning = workspace_twinning_or_404(pk)
    certificate = certificate_of_twinning_or_404(twinning, certificate_pk)
    if not request.user.has_perm("plans.download_certificate", certificate):
        raise PermissionDenied
    response = HttpResponse(documents.certificate_pdf(certificate), content_type="application/pdf")
    filename = documents.certificate_file_name(certificate)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
