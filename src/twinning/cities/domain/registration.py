"""Registration of a city for a cohort: starting it, its windows, and its review states."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from twinning.cities.countries import is_eligible_country
from twinning.cities.domain.queries import member_emails
from twinning.cities.enums import AuthorityType, CityKind, MembershipRole, RegistrationState
from twinning.cities.models import City, Membership, PartnerProject, Registration
from twinning.cities.signals import registration_submitted
from twinning.cohorts.domain.queries import cohort_calendar
from twinning.cohorts.enums import MilestoneKind
from twinning.common import clock
from twinning.common.audit import record_action
from twinning.common.wording import in_sentence
from twinning.mail.domain import queue_mail

S = RegistrationState

WINDOW_OF_KIND = {
    CityKind.MISSION: MilestoneKind.MISSION_REGISTRATION,
    CityKind.MISSION_MINDED: MilestoneKind.MISSION_MINDED_REGISTRATION,
}

# The states a registration may move to from each state.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.ACCEPTED, S.RETURNED, S.REJECTED, S.WITHDRAWN},
    S.RETURNED: {S.SUBMITTED, S.WITHDRAWN},
    S.ACCEPTED: {S.WITHDRAWN},
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}
# States in which the city may still change what it entered.
EDITABLE_STATES = {S.DRAFT, S.RETURNED}
# States in which a registration no longer holds the city's place in the cohort.
CLOSED_STATES = {S.REJECTED, S.WITHDRAWN}


def window_refusal(cohort, kind: str) -> str | None:
    """None when the registration window of this kind of city is open, else why not."""
    return cohort_calendar(cohort).refusal(WINDOW_OF_KIND[kind])


def start_refusal(cohort, kind: str, *, calendar=None) -> str | None:
    """None when a city of `kind` may start a registration for `cohort` now, else why not.

    The one test of the pages that offer a registration and of `start_registration`,
    which refuses it: it says when the window opens, or that it closed and when.
    """
    calendar = calendar or cohort_calendar(cohort)
    window_kind = WINDOW_OF_KIND[kind]
    refusal = calendar.refusal(window_kind)
    window = calendar.window(window_kind)
    if refusal and window is not None and window.ends_at <= calendar.moment:
        refusal = " ".join(
            [refusal, _("The next cohort will be announced on the programme's public page.")]
        )
    return refusal


def editing_refusal(registration: Registration) -> str | None:
    """None when the city may change and submit its registration now, else why not.

    A registration returned by the organisers can be corrected after the window
    has closed: the organisers asked for it.
    """
    if registration.state not in EDITABLE_STATES:
        return _("This registration is %(state)s: it can no longer be changed.") % {
            "state": in_sentence(registration.get_state_display())
        }
    if registration.state == S.RETURNED:
        return None
    return window_refusal(registration.cohort, registration.kind)


def practice_refusal(registration: Registration) -> str | None:
    """None when the city may add a practice to its registration now, else why not.

    An accepted city may still present more practices, which are reviewed one by one.
    """
    if registration.state == S.ACCEPTED:
        return None
    return editing_refusal(registration)


def city_refusal(city: City, kind: str) -> str | None:
    """None when `city` may register as `kind`, else a sentence saying why not."""
    if kind == CityKind.MISSION and not city.is_mission_city:
        return _("%(city)s is not on the list of Mission cities.") % {"city": city.display_name}
    if kind == CityKind.MISSION_MINDED and city.is_mission_city:
        return _(
            "%(city)s is a Mission city: it registers as a Mission city, not as a "
            "Mission-minded city."
        ) % {"city": city.display_name}
    if not is_eligible_country(city.country):
        return _(
            "Only cities of the EU and of countries associated to Horizon Europe may take part."
        )
    return None


@transaction.atomic
def start_registration(
    cohort, city: City, kind: str, *, by, partner_project: PartnerProject | None = None
) -> Registration:
    """Open a draft registration of `city` for `cohort`, with `by` as its coordinator.

    Starting again returns the same draft to one of its representatives; a city
    already registered by others is refused, so nobody joins a city uninvited.
    """
    refusal = city_refusal(city, kind) or start_refusal(cohort, kind)
    if refusal:
        raise ValidationError(refusal)
    existing = Registration.objects.select_for_update().filter(cohort=cohort, city=city).first()
    if existing is not None:
        if existing.state in CLOSED_STATES:
            raise ValidationError(
                _("The registration of %(city)s for %(cohort)s is closed (%(state)s).")
                % {
                    "city": city,
                    "cohort": cohort,
                    "state": in_sentence(existing.get_state_display()),
                }
            )
        if not Membership.objects.filter(user=by, city=city).exists():
            raise ValidationError(
                _(
                    "%(city)s is already registered for %(cohort)s. Ask its coordinator to add "
                    "you, or write to the programme team."
                )
                % {"city": city, "cohort": cohort}
            )
        return existing
    registration = Registration.objects.create(cohort=cohort, city=city, kind=kind)
    if partner_project is not None:
        registration.partner_projects.add(partner_project)
    Membership.objects.get_or_create(
        user=by, city=city, defaults={"role": MembershipRole.COORDINATOR}
    )
    record_action("registration.started", registration, by=by, kind=kind)
    return registration


@transaction.atomic
def start_registration_with_project(
    cohort, *, city_name: str, country: str, partner_project: PartnerProject, by
) -> Registration:
    """A Mission-minded city registers without an invitation, naming its partner project."""
    if not cohort.registration_without_invitation:
        raise ValidationError(_("Registration for this cohort is by invitation only."))
    if partner_project is None or not partner_project.is_active:
        raise ValidationError(_("Choose a partner project from the programme's list."))
    if not is_eligible_country(country):
        raise ValidationError(
            _("Only cities of the EU and of countries associated to Horizon Europe may take part.")
        )
    from twinning.cities.domain import get_or_create_city  # noqa: PLC0415 - circle: within the app, the module it needs imports this one (to check)

    city, _created = get_or_create_city(city_name.strip(), country)
    return start_registration(
        cohort, city, CityKind.MISSION_MINDED, by=by, partner_project=partner_project
    )


def registration_gaps(registration: Registration) -> list[str]:
    """What is still missing before the registration can be submitted, as sentences."""
    gaps = []
    if not registration.city.summary.strip():
        gaps.append(_("Describe the city in its profile."))
    if registration.kind == CityKind.MISSION_MINDED:
        if registration.authority_type not in (
            AuthorityType.LOCAL_AUTHORITY,
            AuthorityType.PUBLIC_BODY,
        ):
            gaps.append(
                _("Only a local authority or a public body tied to one may register the city.")
            )
        if not registration.climate_commitment.strip():
            gaps.append(_("Say how the city has committed to climate neutrality."))
        if not registration.hours_per_month:
            gaps.append(_("Say how many hours a month the city commits."))
        if not registration.representatives_committed:
            gaps.append(_("Say how many representatives the city commits."))
        if not registration.partner_projects.exists():
            gaps.append(_("Name at least one partner project."))
        if not registration.practices.exists():
            gaps.append(_("Present at least one tested practice."))
    else:
        if not registration.ambitions.exists():
            gaps.append(_("State at least one challenge or ambition."))
        if not registration.working_languages.strip():
            gaps.append(_("Give the languages your team works in."))
        if not registration.representatives.strip():
            gaps.append(_("Name the city's representatives."))
    return gaps


@transaction.atomic
def set_registration_state(
    registration: Registration, new_state: str, *, by, comment: str = ""
) -> Registration:
    """Move a registration to `new_state`: check, save, log, mail the city's members.

    Raises ValidationError when the transition is not allowed, when a return or
    a rejection has no comment, or when a submission is incomplete or outside
    its window.
    """
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    previous = current.state
    if new_state not in TRANSITIONS[previous]:
        raise ValidationError(
            _("A registration that is %(current)s cannot become %(new)s.")
            % {
                "current": in_sentence(S(previous).label),
                "new": in_sentence(S(new_state).label),
            }
        )
    comment = comment.strip()
    if new_state in (S.RETURNED, S.REJECTED) and not comment:
        raise ValidationError(
            _("Say what the city should change.")
            if new_state == S.RETURNED
            else _("Give the reason for the rejection.")
        )
    if new_state == S.SUBMITTED:
        refusal = editing_refusal(current)
        if refusal:
            raise ValidationError(refusal)
        gaps = registration_gaps(current)
        if gaps:
            raise ValidationError(gaps)
    registration.state = new_state
    if new_state == S.SUBMITTED:
        registration.submitted_at = clock.now()
    if new_state in (S.RETURNED, S.REJECTED):
        registration.review_comment = comment
    registration.save(update_fields=["state", "submitted_at", "review_comment"])
    record_action(
        f"registration.{new_state}", registration, by=by, previous=previous, comment=comment
    )
    if new_state == S.SUBMITTED:
        registration_submitted.send(Registration, registration=registration, by=by)
    recipients = member_emails([registration.city])
    if recipients:
        queue_mail(
            "registration_state",
            recipients,
            {
                "registration": registration,
                "city": registration.city.display_name,
                "cohort": registration.cohort.name,
                "state": S(new_state).label,
                "new_state": new_state,
                "comment": comment,
            },
            about=registration,
            by=by,
        )
    return registration


def _refuse_unless_editable(registration: Registration) -> None:
    refusal = editing_refusal(registration)
    if refusal:
        raise ValidationError(refusal)


@transaction.atomic
def update_registration(registration: Registration, changes: dict, *, by) -> Registration:
    """Save what the city entered in one step of its draft (fields of the registration)."""
    _refuse_unless_editable(registration)
    projects = changes.pop("partner_projects", None)
    for name, value in changes.items():
        setattr(registration, name, value)
    if changes:
        registration.save(update_fields=list(changes))
    if projects is not None:
        registration.partner_projects.set(projects)
    record_action(
        "registration.changed",
        registration,
        by=by,
        fields=sorted([*changes, *(["partner_projects"] if projects is not None else [])]),
    )
    return registration


@transaction.atomic
def update_city_profile(registration: Registration, *, summary: str, website: str, by) -> City:
    """The city's public profile, entered while registering."""
    _refuse_unless_editable(registration)
    city = registration.city
    city.summary, city.website = summary, website
    city.save(update_fields=["summary", "website"])
    record_action("city.profile_changed", city, by=by, registration=registration.pk)
    return city


@transaction.atomic
def change_registration_city(registration: Registration, *, name: str, country: str, by) -> City:
    """Point a draft registration at another city, taken from GeoNames (never duplicated)."""
    from twinning.cities.domain import get_or_create_city  # noqa: PLC0415 - circle: within the app, the module it needs imports this one (to check)

    _refuse_unless_editable(registration)
    if not is_eligible_country(country):
        raise ValidationError(
            _("Only cities of the EU and of countries associated to Horizon Europe may take part.")
        )
    city, _created = get_or_create_city(name.strip(), country)
    if city.pk == registration.city_id:
        return city
    refusal = city_refusal(city, registration.kind)
    if refusal:
        raise ValidationError(refusal)
    if Registration.objects.filter(cohort=registration.cohort, city=city).exists():
        raise ValidationError(
            _("%(city)s is already registered for %(cohort)s.")
            % {"city": city, "cohort": registration.cohort}
        )
    previous = registration.city
    registration.city = city
    registration.save(update_fields=["city"])
    for membership in Membership.objects.filter(city=previous, user=by):
        Membership.objects.get_or_create(user=by, city=city, defaults={"role": membership.role})
        # The person only represented the wrong city for this registration.
        if not Registration.objects.filter(city=previous).exists():
            membership.delete()
    record_action("registration.city_changed", registration, by=by, previous=previous.name)
    return city


@transaction.atomic
def save_ambitions(registration: Registration, ambitions: dict, *, by) -> int:
    """Replace the Mission city's ambitions: {theme: (text, contract action)}; empty text drops."""
    _refuse_unless_editable(registration)
    from twinning.cities.models import Ambition  # noqa: PLC0415 - circle: within the app, the module it needs imports this one (to check)

    kept = []
    for theme, (text, action) in ambitions.items():
        if not text.strip():
            continue
        Ambition.objects.update_or_create(
            registration=registration,
            theme=theme,
            defaults={"text": text.strip(), "contract_action": action.strip()},
        )
        kept.append(theme.pk)
    registration.ambitions.exclude(theme__in=kept).delete()
    record_action("registration.ambitions_changed", registration, by=by, themes=len(kept))
    return len(kept)
