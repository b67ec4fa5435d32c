"""A cohort's partners: added, changed and removed by organisers, each change logged."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from twinning.cohorts.models import Cohort, Partner
from twinning.common.audit import record_action
from twinning.common.files import check_upload

# A logo is a small picture on a page: beyond this it only slows the page down.
MAX_LOGO_SIZE = 1024 * 1024


def check_logo(upload) -> str:
    """The logo's image type, read from its content; ValidationError if it is not an image
    (PNG, JPEG, WebP, GIF) or is bigger than MAX_LOGO_SIZE."""
    if upload.size > MAX_LOGO_SIZE:
        raise ValidationError(
            _("The logo is %(size)s; logos up to %(limit)s are accepted.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_LOGO_SIZE)}
        )
    try:
        content_type = check_upload(upload)
    except ValidationError:
        raise ValidationError(_("A logo must be an image: PNG, JPEG, WebP or GIF.")) from None
    if not content_type.startswith("image/"):
        raise ValidationError(_("A logo must be an image: PNG, JPEG, WebP or GIF."))
    return content_type


def _checked_logo(upload) -> str:
    try:
        return check_logo(upload)
    except ValidationError as error:
        raise ValidationError({"logo": error.messages}) from None


def _check_name(cohort: Cohort, name: str, partner: Partner | None = None) -> None:
    others = Partner.objects.filter(cohort=cohort, name__iexact=name.strip())
    if partner is not None:
        others = others.exclude(pk=partner.pk)
    if others.exists():
        raise ValidationError({"name": _("This cohort already has a partner with this name.")})


@transaction.atomic
def add_partner(cohort: Cohort, *, name: str, link: str, logo, position: int = 0, by) -> Partner:
    """Add a partner with its logo, checked by content and size."""
    _check_name(cohort, name)
    content_type = _checked_logo(logo)
    partner = Partner(
        cohort=cohort, name=name.strip(), link=link, position=position, logo_type=content_type
    )
    partner.logo.save(logo.name, logo, save=False)
    partner.save()
    record_action("partner.added", cohort, by=by, partner=partner.name)
    return partner


@transaction.atomic
def change_partner(
    partner: Partner, *, name: str, link: str, position: int, logo=None, by
) -> Partner:
    """Change a partner's name, link or order, and its logo when a new one is given."""
    _check_name(partner.cohort, name, partner)
    old_logo = None
    if logo is not None:
        partner.logo_type = _checked_logo(logo)
        old_logo = partner.logo.name
        partner.logo.save(logo.name, logo, save=False)
    partner.name, partner.link, partner.position = name.strip(), link, position
    partner.save()
    if old_logo:
        # Removed once the change is stored, so that a failed save keeps the old one shown.
        storage = partner.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    record_action(
        "partner.changed", partner.cohort, by=by, partner=partner.name, new_logo=logo is not None
    )
    return partner


@transaction.atomic
def remove_partner(partner: Partner, *, by) -> None:
    cohort, name, stored = partner.cohort, partner.name, partner.logo.name
    storage = partner.logo.storage
    partner.delete()
    transaction.on_commit(lambda: storage.delete(stored))
    record_action("partner.removed", cohort, by=by, partner=name)
