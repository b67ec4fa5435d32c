"""State changes of twinnings: confirmation, each city's answer, publication.

Every change goes through one function here that checks the transition,
saves, records it in the audit trail and mails the cities concerned.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from twinning.cities.domain.queries import member_emails
from twinning.common import clock
from twinning.common.audit import record_action, signed_in
from twinning.common.wording import in_sentence
from twinning.mail.domain import queue_mail
from twinning.programme.enums import Acceptance, MemberRole, TwinningState
from twinning.programme.models import Twinning, TwinningMember

S = TwinningState

TRANSITIONS: dict[str, set[str]] = {
    S.PROPOSED: {S.CONFIRMED, S.WITHDRAWN},
    S.CONFIRMED: {S.ACCEPTED, S.DECLINED, S.WITHDRAWN},
    S.ACCEPTED: {S.ACTIVE, S.DECLINED, S.WITHDRAWN},
    S.ACTIVE: {S.COMPLETED, S.CLOSED, S.WITHDRAWN},
}
# Twinnings that hold their cities: a city in one of these is not free for another.
LIVE_STATES = (S.PROPOSED, S.CONFIRMED, S.ACCEPTED, S.ACTIVE)


def _check(twinning: Twinning, new_state: str) -> None:
    if new_state not in TRANSITIONS.get(twinning.state, set()):
        raise ValidationError(
            _("A twinning that is %(current)s cannot become %(new)s.")
            % {
                "current": in_sentence(S(twinning.state).label),
                "new": in_sentence(S(new_state).label),
            }
        )


@transaction.atomic
def propose_twinning(cohort, mission_minded_city, mission_cities, *, run=None, by) -> Twinning:
    """Create a proposed twinning: one Mission-minded city and its Mission cities.

    `mission_cities` is a list of (city, rank, explanation): why the city got this twin,
    as the selection engine's codes (empty for a first choice), or as its text for a run
    made before the engine gave codes.
    """
    if not mission_cities:
        raise ValidationError(_("A twinning needs at least one Mission city."))
    twinning = Twinning.objects.create(cohort=cohort, created_from_run=run)
    TwinningMember.objects.create(
        twinning=twinning, city=mission_minded_city, role=MemberRole.MISSION_MINDED
    )
    for city, rank, explanation in mission_cities:
        TwinningMember.objects.create(
            twinning=twinning, city=city, role=MemberRole.MISSION, rank=rank, **_why(explanation)
        )
    record_action(
        "twinning.proposed",
        twinning,
        by=by,
        run=run.pk if run else None,
        cities=[mission_minded_city.pk, *[city.pk for city, _r, _e in mission_cities]],
    )
    return twinning


def _why(explanation) -> dict:
    """The member's fields for an explanation: codes (a list), or an older run's text."""
    if isinstance(explanation, str):
        return {"explanation": explanation}
    return {"explanation_codes": list(explanation)}


@transaction.atomic
def add_mission_city(twinning: Twinning, city, *, rank=None, explanation=(), by) -> TwinningMember:
    """Add a Mission city to a live twinning (a freed place filled by a later run);
    `explanation` as in `propose_twinning`."""
    twinning = Twinning.objects.select_for_update().get(pk=twinning.pk)
    if twinning.state not in (S.CONFIRMED, S.ACCEPTED):
        raise ValidationError(_("Only a confirmed or accepted twinning can take another city."))
    member, created = TwinningMember.objects.get_or_create(
        twinning=twinning,
        city=city,
        defaults={"role": MemberRole.MISSION, "rank": rank, **_why(explanation)},
    )
    if not created:
        raise ValidationError(_("This city is already in the twinning."))
    if twinning.state == S.ACCEPTED:
        twinning.state = S.CONFIRMED
        twinning.save(update_fields=["state"])
    record_action("twinning.city_added", twinning, by=by, city=city.pk)
    _ask_to_accept(twinning, [member], by=by)
    return member


def _ask_to_accept(twinning: Twinning, members, *, by) -> None:
    everyone = list(twinning.members.select_related("city"))
    for member in members:
        recipients = member_emails([member.city])
        if not recipients:
            continue
        queue_mail(
            "twinning_confirmed",
            recipients,
            {
                "city": member.city.display_name,
                "partners": [m.city.display_name for m in everyone if m.pk != member.pk],
                "cohort": twinning.cohort.name,
                "member_id": member.pk,
            },
            about=twinning,
            by=by,
        )


@transaction.atomic
def confirm_twinning(twinning: Twinning, *, by) -> Twinning:
    """The organisers confirm a proposed twinning; every city is asked to accept it."""
    twinning = Twinning.objects.select_for_update().select_related("cohort").get(pk=twinning.pk)
    _check(twinning, S.CONFIRMED)
    twinning.state = S.CONFIRMED
    twinning.confirmed_at = clock.now()
    twinning.save(update_fields=["state", "confirmed_at"])
    record_action("twinning.confirmed", twinning, by=by)
    _ask_to_accept(twinning, list(twinning.members.select_related("city")), by=by)
    return twinning


def answer_refusal(member: TwinningMember, twinning: Twinning) -> str | None:
    """None when the city of `member` may answer its twinning now, else why not.

    The one test of the answer page, which offers the form, and of `set_member_acceptance`.
    """
    if twinning.state == S.PROPOSED:
        return _(
            "The programme team has not confirmed this twinning yet: the city answers once "
            "it is confirmed, and is told by e-mail."
        )
    if twinning.state != S.CONFIRMED:
        return _("This twinning is %(state)s: it cannot be answered now.") % {
            "state": in_sentence(S(twinning.state).label)
        }
    if member.acceptance != Acceptance.PENDING:
        return _("%(city)s has already answered: %(answer)s.") % {
            "city": member.city.display_name,
            "answer": in_sentence(member.get_acceptance_display()),
        }
    return None


@transaction.atomic
def set_member_acceptance(
    member: TwinningMember, accepted: bool, *, by, reason: str = ""
) -> TwinningMember:
    """Record a city's answer to its twinning; a decline needs a reason and frees the place.

    When every city has accepted, the twinning is accepted. When the Mission-minded
    city declines, or no Mission city is left, the twinning is declined.
    """
    twinning = (
        Twinning.objects.select_for_update().select_related("cohort").get(pk=member.twinning_id)
    )
    member = TwinningMember.objects.select_related("city").get(pk=member.pk)
    member.twinning = twinning
    refusal = answer_refusal(member, twinning)
    if refusal:
        raise ValidationError(refusal)
    reason = reason.strip()
    if not accepted and not reason:
        raise ValidationError(_("Say why the city declines, so the programme team can help."))
    member.acceptance = Acceptance.ACCEPTED if accepted else Acceptance.DECLINED
    member.decline_reason = "" if accepted else reason
    member.decided_by = signed_in(by)
    member.decided_at = clock.now()
    member.save(update_fields=["acceptance", "decline_reason", "decided_by", "decided_at"])
    record_action(
        "twinning.accepted_by_city" if accepted else "twinning.declined_by_city",
        twinning,
        by=by,
        city=member.city_id,
        reason=member.decline_reason,
        # Answering after the deadline stays possible; the programme team sees it was late.
        late=member.answered_late,
    )
    members = list(twinning.members.select_related("city"))
    answers = {m.pk: m.acceptance for m in members}
    minded_declined = any(
        m.role == MemberRole.MISSION_MINDED and answers[m.pk] == Acceptance.DECLINED
        for m in members
    )
    mission_left = [
        m for m in members if m.role == MemberRole.MISSION and answers[m.pk] != Acceptance.DECLINED
    ]
    previous = twinning.state
    if minded_declined or not mission_left:
        twinning.state = S.DECLINED
    elif all(a == Acceptance.ACCEPTED for a in answers.values() if a != Acceptance.DECLINED):
        twinning.state = S.ACCEPTED
    if twinning.state != previous:
        twinning.save(update_fields=["state"])
        record_action(f"twinning.{twinning.state}", twinning, by=by, previous=previous)
    recipients = member_emails([m.city for m in members])
    if recipients:
        queue_mail(
            "twinning_answer",
            recipients,
            {
                "city": member.city.display_name,
                "accepted": accepted,
                "reason": member.decline_reason,
                "state": S(twinning.state).label,
                "cohort": twinning.cohort.name,
            },
            about=twinning,
            by=by,
        )
    return member


@transaction.atomic
def withdraw_twinning(twinning: Twinning, *, by, reason: str = "") -> Twinning:
    """The organisers withdraw a twinning; its cities are told."""
    twinning = Twinning.objects.select_for_update().select_related("cohort").get(pk=twinning.pk)
    _check(twinning, S.WITHDRAWN)
    previous = twinning.state
    twinning.state = S.WITHDRAWN
    twinning.save(update_fields=["state"])
    record_action("twinning.withdrawn", twinning, by=by, previous=previous, reason=reason)
    members = list(twinning.members.select_related("city"))
    recipients = member_emails([m.city for m in members])
    if recipients:
        queue_mail(
            "twinning_withdrawn",
            recipients,
            {"cities": [m.city.display_name for m in members], "reason": reason},
            about=twinning,
            by=by,
        )
    return twinning


@transaction.atomic
def publish_twinnings(cohort, *, by) -> int:
    """Publish the cohort's accepted twinnings not yet published; returns how many."""
    twinnings = list(
        Twinning.objects.select_for_update()
        .filter(cohort=cohort, state=S.ACCEPTED, published_at__isnull=True)
        .order_by("id")
    )
    if not twinnings:
        raise ValidationError(_("No accepted twinning is waiting to be published."))
    now = clock.now()
    for twinning in twinnings:
        twinning.published_at = now
        twinning.save(update_fields=["published_at"])
        record_action("twinning.published", twinning, by=by)
        members = list(twinning.members.select_related("city"))
        recipients = member_emails([m.city for m in members])
        if recipients:
            queue_mail(
                "twinning_published",
                recipients,
                {
                    "cities": [m.city.display_name for m in members],
                    "cohort": cohort.name,
                },
                about=twinning,
                by=by,
            )
    return len(twinnings)
