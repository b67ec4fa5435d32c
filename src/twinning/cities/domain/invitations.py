"""Invitations of Mission-minded cities: created by organisers (or the survey), used once."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from twinning.cities.countries import is_eligible_country
from twinning.cities.domain.registration import CLOSED_STATES, start_registration
from twinning.cities.enums import CityKind, MembershipRole
from twinning.cities.models import Invitation, Membership, PartnerProject, Registration
from twinning.cohorts.enums import MilestoneKind
from twinning.common import clock
from twinning.common.audit import record_action, signed_in
from twinning.common.ranges import check_date_in_range
from twinning.mail.domain import queue_mail

# How long an invitation stays valid when neither the organiser nor the window says.
DEFAULT_VALIDITY = dt.timedelta(days=30)


def invitation_link(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("portal:invitation", args=[invitation.token])


def default_expiry(cohort) -> dt.datetime:
    """The close of the Mission-minded registration window, or 30 days from now if later."""
    fallback = clock.now() + DEFAULT_VALIDITY
    window_end = (
        cohort.milestones.filter(kind=MilestoneKind.MISSION_MINDED_REGISTRATION)
        .order_by("-ends_at")
        .values_list("ends_at", flat=True)
        .first()
    )
    return max(window_end, fallback) if window_end else fallback


def _partner_project(value) -> PartnerProject | None:
    if value is None or value == "":
        return None
    if isinstance(value, PartnerProject):
        return value
    project = PartnerProject.objects.filter(acronym__iexact=str(value).strip()).first()
    if project is None:
        raise ValidationError(
            _("%(project)s is not on the programme's list of partner projects.")
            % {"project": value}
        )
    return project


@transaction.atomic
def create_invitation(
    cohort,
    *,
    email: str,
    city_name: str,
    country: str,
    partner_project=None,
    expires_at: dt.datetime | None = None,
    by=None,
) -> Invitation:
    """Invite a Mission-minded city to register for `cohort`; mails the single-use link.

    The city is taken from GeoNames (an existing city is reused). Raises
    ValidationError for a bad address, an ineligible country, a Mission city,
    a city already registered, or an open invitation for the same address.
    `partner_project` is a PartnerProject or its acronym.
    """
    from twinning.cities.domain import get_or_create_city  # noqa: PLC0415 - circle: within the app, the module it needs imports this one (to check)

    email = (email or "").strip().lower()
    city_name = (city_name or "").strip()
    country = (country or "").strip().upper()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("“%(email)s” is not an e-mail address.") % {"email": email}
        ) from None
    if not city_name:
        raise ValidationError(_("Give the name of the city."))
    if not is_eligible_country(country):
        raise ValidationError(
            _("“%(country)s” is not an EU country or a country associated to Horizon Europe.")
            % {"country": country}
        )
    project = _partner_project(partner_project)
    check_date_in_range(expires_at)
    if expires_at is not None and expires_at <= clock.now():
        raise ValidationError(_("The expiry date must be in the future."))
    open_invitation = (
        Invitation.objects.select_for_update()
        .filter(cohort=cohort, email=email, accepted_at__isnull=True, expires_at__gt=clock.now())
        .first()
    )
    if open_invitation is not None:
        raise ValidationError(
            _("%(email)s already has an open invitation for %(cohort)s (for %(city)s).")
            % {"email": email, "cohort": cohort, "city": open_invitation.city}
        )
    city, _created = get_or_create_city(city_name, country)
    if city.is_mission_city:
        raise ValidationError(
            _("%(city)s is a Mission city: Mission cities register in their own window.")
            % {"city": city.display_name}
        )
    registered = (
        Registration.objects.filter(cohort=cohort, city=city)
        .exclude(state__in=CLOSED_STATES)
        .first()
    )
    if registered is not None:
        raise ValidationError(
            _("%(city)s is already registered for %(cohort)s.") % {"city": city, "cohort": cohort}
        )
    invitation = Invitation.objects.create(
        cohort=cohort,
        email=email,
        city=city,
        partner_project=project,
        expires_at=expires_at or default_expiry(cohort),
        created_by=signed_in(by),
    )
    record_action(
        "invitation.created",
        invitation,
        by=by,
        email=email,
        city=city.name,
        country=country,
        partner_project=project.acronym if project else "",
    )
    queue_mail(
        "invitation",
        email,
        {
            "city": city.display_name,
            "cohort": cohort.name,
            "project": project.acronym if project else "",
            "link": invitation_link(invitation),
            "expires_at": invitation.expires_at,
            "zone": cohort.time_zone,
        },
        about=invitation,
        by=by,
    )
    return invitation


@transaction.atomic
def accept_invitation(token: str, *, user) -> Registration:
    """Use an invitation: a draft registration of its city, with `user` as coordinator.

    Single use: a second use by the same person returns the same registration
    (a double click), anyone else is refused. Refused too when expired or when
    the Mission-minded registration window is closed.
    """
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid. Check that it is complete."))
    if invitation.accepted_at is not None:
        if invitation.accepted_by_id == user.pk and invitation.registration_id:
            return invitation.registration
        raise ValidationError(
            _("This invitation has already been used. Ask the person who used it to add you.")
        )
    if invitation.is_expired:
        raise ValidationError(
            _("This invitation has expired. Write to the programme team for a new one.")
        )
    # The link itself is the proof of the invitation: whoever holds it joins the city.
    if (
        Registration.objects.filter(cohort=invitation.cohort, city=invitation.city)
        .exclude(state__in=CLOSED_STATES)
        .exists()
    ):
        Membership.objects.get_or_create(
            user=user, city=invitation.city, defaults={"role": MembershipRole.COORDINATOR}
        )
    registration = start_registration(
        invitation.cohort,
        invitation.city,
        CityKind.MISSION_MINDED,
        by=user,
        partner_project=invitation.partner_project,
    )
    invitation.accepted_at = clock.now()
    invitation.accepted_by = user
    invitation.registration = registration
    invitation.save(update_fields=["accepted_at", "accepted_by", "registration"])
    record_action("invitation.accepted", invitation, by=user, registration=registration.pk)
    return registration
