"""Writes of practices: saving a city's draft, attachments, and the review states."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils.text import slugify
from django.utils.translation import gettext as _

from twinning.cities.domain.queries import member_emails
from twinning.cities.enums import RegistrationState
from twinning.cities.signals import registration_submitted
from twinning.common import clock
from twinning.common.audit import record_action
from twinning.common.files import check_upload
from twinning.common.wording import in_sentence
from twinning.mail.domain import queue_mail
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice, PracticeAttachment

P = PracticeState

TRANSITIONS: dict[str, set[str]] = {
    P.DRAFT: {P.SUBMITTED},
    P.RETURNED: {P.SUBMITTED},
    P.SUBMITTED: {P.PUBLISHED, P.RETURNED},
    P.PUBLISHED: {P.RETURNED},
}
EDITABLE_STATES = {P.DRAFT, P.RETURNED}


def unique_slug(title: str, *, exclude_pk=None) -> str:
    base = slugify(title)[:200] or "practice"
    slug, number = base, 2
    taken = Practice.objects.exclude(pk=exclude_pk).filter(slug__startswith=base)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def save_practice(registration, data: dict, *, practice: Practice | None = None, results=(), by):
    """Create or update a city's practice from cleaned form data; returns the practice.

    A second “add” with the same title in the same registration updates the
    first practice instead of creating a twin (a double submit).
    `results` is a list of dicts (kind, value, unit, note) that replaces the old ones.
    """
    themes = {
        "fields_of_action": data.pop("fields_of_action", None),
        "levers": data.pop("levers", None),
    }
    if practice is None:
        practice = (
            Practice.objects.select_for_update()
            .filter(registration=registration, title=data["title"])
            .first()
        )
    if practice is not None and practice.state not in EDITABLE_STATES:
        raise ValidationError(
            _("This practice is under review or published: it cannot be changed.")
        )
    created = practice is None
    if created:
        practice = Practice(registration=registration)
    for name, value in data.items():
        setattr(practice, name, value)
    if created or not practice.slug:
        practice.slug = unique_slug(practice.title, exclude_pk=practice.pk)
    practice.save()
    for name, values in themes.items():
        if values is not None:
            getattr(practice, name).set(values)
    practice.results.all().delete()
    for result in results:
        practice.results.create(**result)
    record_action("practice.created" if created else "practice.changed", practice, by=by)
    return practice


@transaction.atomic
def delete_practice(practice: Practice, *, by) -> None:
    if practice.state not in EDITABLE_STATES:
        raise ValidationError(
            _("This practice is under review or published: it cannot be deleted.")
        )
    record_action("practice.deleted", practice.registration, by=by, title=practice.title)
    practice.delete()


@transaction.atomic
def add_attachment(practice: Practice, *, title: str, upload, by) -> PracticeAttachment:
    """Store a PDF or an image, after checking its size and its type by its content."""
    if practice.state not in EDITABLE_STATES:
        raise ValidationError(
            _("This practice is under review or published: it cannot be changed.")
        )
    content_type = check_upload(upload)
    attachment = PracticeAttachment(
        practice=practice, title=title, content_type=content_type, size=upload.size
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    record_action("practice.attachment_added", practice, by=by, title=title, type=content_type)
    return attachment


@transaction.atomic
def remove_attachment(attachment: PracticeAttachment, *, by) -> None:
    practice = attachment.practice
    if practice.state not in EDITABLE_STATES:
        raise ValidationError(
            _("This practice is under review or published: it cannot be changed.")
        )
    record_action("practice.attachment_removed", practice, by=by, title=attachment.title)
    attachment.file.delete(save=False)
    attachment.delete()


def submit_practice(practice: Practice, *, by) -> Practice:
    """A city sends one practice for review on its own, once its registration is accepted."""
    if practice.registration.state != RegistrationState.ACCEPTED:
        raise ValidationError(_("Practices are sent for review with the registration."))
    return set_practice_state(practice, P.SUBMITTED, by=by)


@receiver(registration_submitted)
def submit_practices_of(sender=None, *, registration, by, **kwargs) -> int:
    """Submit the registration's draft and returned practices with it."""
    practices = list(registration.practices.filter(state__in=EDITABLE_STATES))
    for practice in practices:
        set_practice_state(practice, P.SUBMITTED, by=by)
    return len(practices)


@transaction.atomic
def set_practice_state(practice: Practice, new_state: str, *, by, comment: str = "") -> Practice:
    """Move a practice to `new_state`: check, save, log, and mail the city on a decision.

    Only a practice of an accepted registration can be published; a return
    needs a comment.
    """
    current = Practice.objects.select_for_update().get(pk=practice.pk)
    previous = current.state
    if new_state not in TRANSITIONS.get(previous, set()):
        raise ValidationError(
            _("A practice that is %(current)s cannot become %(new)s.")
            % {"current": in_sentence(P(previous).label), "new": in_sentence(P(new_state).label)}
        )
    comment = comment.strip()
    if new_state == P.RETURNED and not comment:
        raise ValidationError(_("Say what the city should change."))
    registration = practice.registration
    if new_state == P.PUBLISHED and registration.state != RegistrationState.ACCEPTED:
        raise ValidationError(_("Accept the city's registration before publishing its practices."))
    practice.state = new_state
    if new_state == P.PUBLISHED:
        practice.published_at = clock.now()
    if new_state == P.RETURNED:
        practice.review_comment = comment
    practice.save(update_fields=["state", "published_at", "review_comment", "updated"])
    record_action(f"practice.{new_state}", practice, by=by, previous=previous, comment=comment)
    if new_state in (P.PUBLISHED, P.RETURNED):
        recipients = member_emails([registration.city])
        if recipients:
            queue_mail(
                "practice_state",
                recipients,
                {
                    "title": practice.title,
                    "slug": practice.slug,
                    "practice_id": practice.pk,
                    "city": registration.city.display_name,
                    "state": P(new_state).label,
                    "new_state": new_state,
                    "comment": comment,
                },
                about=practice,
                by=by,
            )
    return practice
