"""The public check of a certificate of participation, by its verification code."""

from django.shortcuts import render

from twinning.plans.domain.queries import certificate_by_code


def certificate_verify(request, code):
    certificate = certificate_by_code(code)
    return render(
        request,
        "public/certificate.html",
        {
            "certificate": certificate,
            "code": code,
            "cities": [m.city for m in certificate.twinning.members.select_related("city")]
            if certificate
            else [],
        },
        # An unknown code is a page that says so, with the status a missing page has.
        status=200 if certificate else 404,
    )
