"""Organiser pages: a person's data on request (download, deletion) and the audit trail."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.accounts.domain.personal_data import (
    delete_personal_data,
    export_filename,
    export_personal_data,
    kept_records,
)
from twinning.accounts.domain.queries import active_person_or_404, people_matching, person_or_404
from twinning.accounts.forms import AuditSearchForm, OrganiserDeletionForm, PersonSearchForm
from twinning.cities.domain.queries import memberships_of
from twinning.common.audit import content_type_or_404, history_of, record_action, search_audit_trail
from twinning.common.exports import json_download
from twinning.common.permissions import requires
from twinning.mail.domain.queries import mails_to

PAGE_SIZE = 50


@requires("accounts.manage_personal_data")
def people(request):
    form = PersonSearchForm(request.GET or None)
    found = people_matching(form.cleaned_data["q"] if form.is_valid() else "")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "orga/privacy/people.html", {"form": form, "page": page})


@requires("accounts.manage_personal_data")
def person(request, pk):
    person = active_person_or_404(pk)
    return render(
        request,
        "orga/privacy/person.html",
        {
            "person": person,
            "form": OrganiserDeletionForm(person=person),
            "kept": kept_records(),
            "memberships": memberships_of(person),
            "mails": mails_to(person.email),
        },
    )


@requires("accounts.manage_personal_data")
def person_export(request, pk):
    person = person_or_404(pk)
    data = export_personal_data(person)
    record_action("person.exported", person, by=request.user)
    return json_download(data, export_filename(person))


@requires("accounts.manage_personal_data")
@require_POST
def person_delete(request, pk):
    person = active_person_or_404(pk)
    form = OrganiserDeletionForm(request.POST, person=person)
    if not form.is_valid():
        return render(
            request,
            "orga/privacy/person.html",
            {
                "person": person,
                "form": form,
                "kept": kept_records(),
                "memberships": memberships_of(person),
                "mails": mails_to(person.email),
            },
            status=400,
        )
    delete_personal_data(person, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("The account is deleted; the programme's records are anonymised."))
    return redirect("orga:people")


@requires("accounts.view_audit_trail")
def audit(request):
    form = AuditSearchForm(request.GET or None)
    criteria = {}
    if form.is_valid():
        data = form.cleaned_data
        criteria = {
            "text": data["q"],
            "action": data["action"],
            "actor": data["actor"],
            "since": data["since"],
            "until": data["until"],
        }
    entries = search_audit_trail(**criteria) if not form.errors else search_audit_trail().none()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "orga/privacy/audit.html", {"form": form, "page": page})


@requires("accounts.view_audit_trail")
def audit_object(request, content_type_id, object_id):
    content_type = content_type_or_404(content_type_id)
    page = Paginator(history_of(content_type, object_id), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "orga/privacy/audit_object.html",
        {
            "page": page,
            "model_name": content_type.model_class()._meta.verbose_name
            if content_type.model_class()
            else content_type.model,
            "object_id": object_id,
            "object_repr": page[0].object_repr if page else object_id,
        },
    )
