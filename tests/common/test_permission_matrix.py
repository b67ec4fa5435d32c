"""Every page of the app, visited as every role: each gets exactly what it should.

The URL patterns come from the resolver, so a page added later without an entry
in EXPECTED fails `test_every_page_has_an_expectation`. Left out: admin/ (the
Django admin, tested in tests/common/test_admin_pages.py), accounts/ (allauth's
own pages), i18n/ (the language switch), api/ (the API has its own tests) and
static files.
"""

import datetime as dt
import os
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories import (
    CityFactory,
    CohortFactory,
    MembershipFactory,
    MilestoneFactory,
    MissionCityFactory,
    OrganiserFactory,
    RegistrationFactory,
    UserFactory,
    WebinarFactory,
)
from tests.factories.matchmaking import ParticipationFactory, accepted_meeting, matchmaking_day
from tests.factories.practices import InvitationFactory, PracticeFactory
from tests.factories.selection import (
    NO_PASSWORD,
    PreferenceFactory,
    TwinningFactory,
    TwinningMemberFactory,
)
from twinning.cities.enums import CityKind
from twinning.cohorts.enums import MilestoneKind
from twinning.common.models import AuditEntry
from twinning.mail.models import OutgoingMail
from twinning.matchmaking.models import MeetingRequest, ScheduleRun
from twinning.outreach.models import ContactMessage, InterestExpression, WebinarRegistration
from twinning.practices.models import PracticeAttachment
from twinning.selection.models import SelectionRun
from twinning.themes.domain import ensure_theme_taxonomy

pytestmark = pytest.mark.django_db

# "^api" is the catch-all that answers unknown API addresses in the API's own shape.
SKIPPED = ("admin/", "accounts/", "i18n/", "api/", "^api", "static/", "media/")
ROLES = ("visitor", "other", "member", "facilitator", "organiser")


def url_names() -> dict[str, str]:
    """Every named page of the app outside SKIPPED: name → route."""
    found = {}

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(SKIPPED):
                continue
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, route, inner)
            elif pattern.name:
                found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = route

    walk(get_resolver().url_patterns, "", "")
    return found


@dataclass
class World:
    people: dict
    objects: dict

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def _quick(**fields):
    return UserFactory(password=NO_PASSWORD, **fields)


def build_world() -> World:
    """One cohort with something behind every page, and one person of each role."""
    ensure_theme_taxonomy()
    now = timezone.now()
    cohort = CohortFactory(slug="cohort-5")
    for kind in MilestoneKind.values:
        MilestoneFactory(
            cohort=cohort,
            kind=kind,
            starts_at=now - dt.timedelta(days=5),
            ends_at=now + dt.timedelta(days=20),
        )
    organiser = OrganiserFactory(password=NO_PASSWORD, email="orga@example.org")
    facilitator = _quick(email="facilitator@example.org", is_facilitator=True)
    member = _quick(email="member@example.org")
    other = _quick(email="other@example.org")

    minded = CityFactory(name="Sønderborg", slug="sonderborg", summary="Heat.")
    mission = MissionCityFactory(name="Pécs", slug="pecs")
    elsewhere = MissionCityFactory(name="Košice", slug="kosice")
    for city in (minded, mission):
        MembershipFactory(user=member, city=city)
    MembershipFactory(user=other, city=elsewhere)
    registration = RegistrationFactory(cohort=cohort, city=minded, kind=CityKind.MISSION_MINDED)
    mission_registration = RegistrationFactory(cohort=cohort, city=mission, kind=CityKind.MISSION)
    RegistrationFactory(cohort=cohort, city=elsewhere, kind=CityKind.MISSION)
    practice = PracticeFactory(registration=registration, themes=["energy-systems"])
    attachment = PracticeAttachment(practice=practice, title="Plan", content_type="application/pdf")
    attachment.size = 9
    attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    # Accepted cities add further practices: a draft one for the editing pages.
    draft = PracticeFactory(registration=registration, state="draft", published_at=None)
    draft_attachment = PracticeAttachment(practice=draft, title="Map", content_type="image/png")
    draft_attachment.size = 9
    draft_attachment.file.save("map.png", ContentFile(b"\x89PNG\r\n\x1a\n0"), save=True)
    invitation = InvitationFactory(cohort=cohort, city=CityFactory(), email="new@example.org")

    webinar = WebinarFactory(cohort=cohort)
    seat = WebinarRegistration.objects.create(
        webinar=webinar,
        name="Visitor",
        email="visitor@example.org",
        organisation="Town hall",
        city="Pécs",
        country="HU",
        role="mission",
        status="confirmed",
    )
    interest = InterestExpression.objects.create(
        city_name="Lund", country="SE", kind="mission_minded", contact_name="Eva", email="e@x.org"
    )
    contact = ContactMessage.objects.create(
        name="Eva", email="e@x.org", subject="Hello", message="A question."
    )
    mail = OutgoingMail.objects.create(template="test_message", to=["a@x.org"], subject="Hi")

    day = matchmaking_day(cohort)
    ParticipationFactory(day=day, city=minded, kind=CityKind.MISSION_MINDED)
    participation = ParticipationFactory(day=day, city=mission, kind=CityKind.MISSION)
    participation.attendees.add(member)
    ParticipationFactory(day=day, city=elsewhere, kind=CityKind.MISSION)
    meeting = accepted_meeting(day, mission, minded)
    meeting_request = MeetingRequest.objects.create(
        day=day, from_city=elsewhere, to_city=minded, message="Shall we?"
    )
    schedule_run = ScheduleRun.objects.create(day=day, created_by=organiser)
    preference = PreferenceFactory(
        cohort=cohort, mission_city=mission, mission_minded_city=minded, rank=1
    )
    selection_run = SelectionRun.objects.create(cohort=cohort, created_by=organiser)

    twinning = TwinningFactory(cohort=cohort, facilitator=facilitator, state="active")
    minded_member = TwinningMemberFactory(twinning=twinning, city=minded, role="mission_minded")
    TwinningMemberFactory(twinning=twinning, city=mission, role="mission")
    objects = {
        "cohort": cohort,
        "minded": minded,
        "mission": mission,
        "registration": registration,
        "mission_registration": mission_registration,
        "practice": practice,
        "attachment": attachment,
        "draft": draft,
        "draft_attachment": draft_attachment,
        "invitation": invitation,
        "webinar": webinar,
        "partner": _partner(cohort),
        **_feedback_and_certificate(cohort, twinning, minded, member),
        "mailing": apps.get_model("mailings", "Mailing").objects.create(
            subject="Rank your twins", text="Hello", segment="facilitators", created_by=organiser
        ),
        "seat": seat,
        "interest": interest,
        "contact": contact,
        "mail": mail,
        "day": day,
        "participation": participation,
        "meeting": meeting,
        "meeting_request": meeting_request,
        "schedule_run": schedule_run,
        "preference": preference,
        "selection_run": selection_run,
        "twinning": twinning,
        "minded_member": minded_member,
        "audit_entry": AuditEntry.objects.create(action="matrix.built"),
    }
    objects.update(_programme_year(twinning, minded, mission, member, organiser))
    objects.update(_conversation(twinning, member))
    people = {
        "visitor": None,
        "other": other,
        "member": member,
        "facilitator": facilitator,
        "organiser": organiser,
    }
    return World(people, objects)


def _conversation(twinning, member) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from twinning.conversations.domain import start_twinning_conversation

    message = start_twinning_conversation(
        twinning,
        by=member,
        text="Dates for the visit?",
        upload=SimpleUploadedFile("dates.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    return {"message": message, "message_attachment": message.attachments.get()}


def _feedback_and_certificate(cohort, twinning, minded, member) -> dict:
    """A survey with a question and an invitation, and the certificate of a city."""
    survey = apps.get_model("feedback", "Survey").objects.create(
        cohort=cohort, event="workshop", title="How was the workshop?"
    )
    question = survey.questions.create(text="What did you learn?", kind="text")
    invitation = survey.invitations.create(
        event_id=1,
        event_title="Financing retrofits",
        event_ended_at=timezone.now(),
        person=member,
        created=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(days=60),
    )
    certificate = apps.get_model("plans", "Certificate").objects.create(
        code="matrix-certificate",
        twinning=twinning,
        city=minded,
        plan_kind="Replication Plan",
        issued_at=timezone.now(),
    )
    return {
        "survey": survey,
        "question": question,
        "survey_invitation": invitation,
        "certificate": certificate,
    }


def _partner(cohort):
    partner = apps.get_model("cohorts", "Partner")(
        cohort=cohort, name="NetZeroCities", logo_type="image/png"
    )
    partner.logo.save("logo.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    return partner


def _programme_year(twinning, minded, mission, member, organiser) -> dict:
    """Workshops, visits and claims, the joint plan and API tokens."""
    Workshop = apps.get_model("workshops", "Workshop")
    Visit = apps.get_model("visits", "Visit")
    ExpenseClaim = apps.get_model("visits", "ExpenseClaim")
    Receipt = apps.get_model("visits", "Receipt")
    now = timezone.now()
    workshop = Workshop.objects.create(
        cohort=twinning.cohort,
        twinning=twinning,
        title="Financing retrofits",
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=2),
        time_zone="Europe/Brussels",
    )
    material = workshop.materials.create(title="Slides", content_type="application/pdf", size=9)
    material.file.save("slides.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    visit = Visit.objects.create(
        twinning=twinning,
        host=mission,
        starts_on=dt.date.today() + dt.timedelta(days=30),
        ends_on=dt.date.today() + dt.timedelta(days=32),
        created_by=member,
    )
    visit.delegates.create(person=member, city=minded)
    claim = ExpenseClaim.objects.create(
        visit=visit,
        traveller=member,
        category="travel",
        description="Train",
        amount=Decimal("100.00"),
        amount_eur=Decimal("100.00"),
    )
    receipt = Receipt(claim=claim, content_type="application/pdf", size=9)
    receipt.file.save("ticket.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    objects = {
        "workshop": workshop,
        "material": material,
        "visit": visit,
        "claim": claim,
        "receipt": receipt,
    }
    from twinning.plans.domain import create_plan

    plan = create_plan(twinning)
    section = plan.sections.order_by("position").first()
    objects["plan"] = plan
    objects["section"] = section
    objects["comment"] = section.comments.create(author=organiser, text="Add the heat plan.")
    section.versions.create(number=1, text="First draft", author=member)
    Theme = apps.get_model("themes", "Theme")
    objects["plan_action"] = plan.actions.create(
        title="Heat network",
        field_of_action=Theme.objects.filter(kind="field").first(),
        lever=Theme.objects.filter(kind="lever").first(),
        responsible_bodies="Utility",
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 12, 31),
    )
    ApiToken = apps.get_model("accounts", "ApiToken")
    objects["api_token"] = ApiToken.objects.create(
        user=organiser, name="Report", prefix="tw_x", key_hash="1" * 64
    )
    return objects


def _user_ct(w):
    return ContentType.objects.get_for_model(w.people["member"]).pk


# The arguments of each page that takes some.
ARGS = {
    "public:webinar_register": lambda w: {"pk": w.webinar.pk},
    "public:webinar_ics": lambda w: {"pk": w.webinar.pk},
    "public:webinar_registered": lambda w: {"token": w.seat.token},
    "public:webinar_cancel": lambda w: {"token": w.seat.token},
    "public:webinar_confirm": lambda w: {"token": w.seat.token},
    "public:webinar_register_sent": lambda w: {"pk": w.webinar.pk},
    "public:practice": lambda w: {"slug": w.practice.slug},
    "public:practice_attachment": lambda w: {"slug": w.practice.slug, "pk": w.attachment.pk},
    "public:city": lambda w: {"slug": w.minded.slug},
    "portal:invitation": lambda w: {"token": w.invitation.token},
    "portal:registration": lambda w: {"pk": w.registration.pk},
    "portal:registration_submit": lambda w: {"pk": w.registration.pk},
    "portal:registration_withdraw": lambda w: {"pk": w.registration.pk},
    "portal:practice_new": lambda w: {"pk": w.registration.pk},
    "portal:registration_step": lambda w: {"pk": w.registration.pk, "step": "city"},
    "portal:practice_edit": lambda w: {"pk": w.draft.pk},
    "portal:practice_delete": lambda w: {"pk": w.draft.pk},
    "portal:practice_submit": lambda w: {"pk": w.draft.pk},
    "portal:attachment_add": lambda w: {"pk": w.draft.pk},
    "portal:attachment_delete": lambda w: {"pk": w.draft_attachment.pk},
    "portal:matchmaking_city": lambda w: {"day": w.day.pk, "city": w.mission.pk},
    "portal:matchmaking_availability": lambda w: {"day": w.day.pk, "city": w.mission.pk},
    "portal:matchmaking_participants": lambda w: {"day": w.day.pk, "city": w.mission.pk},
    "portal:matchmaking_request_new": lambda w: {
        "day": w.day.pk,
        "city": w.mission.pk,
        "other": w.minded.pk,
    },
    "portal:matchmaking_agenda": lambda w: {"day": w.day.pk, "city": w.mission.pk},
    "portal:matchmaking_request_action": lambda w: {
        "pk": w.meeting_request.pk,
        "action": "accept",
    },
    "portal:matchmaking_feed": lambda w: {"token": w.participation.feed_token},
    "portal:preferences": lambda w: {"city_pk": w.mission.pk},
    "portal:preference_move": lambda w: {"pk": w.preference.pk, "direction": "down"},
    "portal:interests": lambda w: {"city_pk": w.minded.pk},
    "portal:twinning_answer": lambda w: {"pk": w.minded_member.pk},
    "portal:recommendations": lambda w: {"city_pk": w.minded.pk},
    "portal:workspace": lambda w: {"pk": w.twinning.pk},
    "portal:conversation": lambda w: {"pk": w.message.conversation_id},
    "portal:conversation_new": lambda w: {"city_pk": w.minded.pk, "other_pk": w.mission.pk},
    "portal:conversation_twinning": lambda w: {"twinning_pk": w.twinning.pk},
    "portal:conversation_attachment": lambda w: {"pk": w.message_attachment.pk},
    "portal:conversation_hide": lambda w: {"pk": w.message.pk},
    "portal:workshop_register": lambda w: {"pk": w.twinning.pk, "workshop_pk": w.workshop.pk},
    "portal:workshop_unregister": lambda w: {"pk": w.twinning.pk, "workshop_pk": w.workshop.pk},
    "portal:workshop_ics": lambda w: {"pk": w.twinning.pk, "workshop_pk": w.workshop.pk},
    "portal:workshop_material": lambda w: {
        "pk": w.twinning.pk,
        "workshop_pk": w.workshop.pk,
        "material_pk": w.material.pk,
    },
    "portal:visit_new": lambda w: {"pk": w.twinning.pk},
    "portal:visit": lambda w: {"pk": w.twinning.pk, "visit_pk": w.visit.pk},
    "portal:visit_state": lambda w: {"pk": w.twinning.pk, "visit_pk": w.visit.pk},
    "portal:visit_edit": lambda w: {"pk": w.twinning.pk, "visit_pk": w.visit.pk},
    "portal:claim_new": lambda w: {"pk": w.twinning.pk, "visit_pk": w.visit.pk},
    "portal:claim": lambda w: {"pk": w.twinning.pk, "claim_pk": w.claim.pk},
    "portal:receipt": lambda w: {
        "pk": w.twinning.pk,
        "claim_pk": w.claim.pk,
        "receipt_pk": w.receipt.pk,
    },
    "portal:plan": lambda w: {"pk": w.twinning.pk},
    "portal:plan_submit": lambda w: {"pk": w.twinning.pk},
    "portal:plan_download": lambda w: {"pk": w.twinning.pk, "fmt": "pdf"},
    "portal:plan_practices": lambda w: {"pk": w.twinning.pk},
    "portal:plan_action_add": lambda w: {"pk": w.twinning.pk},
    "portal:plan_action_edit": lambda w: {"pk": w.twinning.pk, "action_pk": w.plan_action.pk},
    "portal:plan_action_delete": lambda w: {"pk": w.twinning.pk, "action_pk": w.plan_action.pk},
    "portal:plan_section_edit": lambda w: {"pk": w.twinning.pk, "kind": w.section.kind},
    "portal:plan_history": lambda w: {"pk": w.twinning.pk, "kind": w.section.kind},
    "portal:plan_restore": lambda w: {"pk": w.twinning.pk, "kind": w.section.kind, "number": 1},
    "portal:plan_comment": lambda w: {"pk": w.twinning.pk, "kind": w.section.kind},
    "portal:plan_comment_resolve": lambda w: {
        "pk": w.twinning.pk,
        "kind": w.section.kind,
        "comment_pk": w.comment.pk,
    },
    "orga:webinar_detail": lambda w: {"pk": w.webinar.pk},
    "orga:feedback_survey": lambda w: {"pk": w.survey.pk},
    "orga:feedback_survey_edit": lambda w: {"pk": w.survey.pk},
    "orga:feedback_question": lambda w: {"pk": w.survey.pk, "question_pk": w.question.pk},
    "orga:feedback_question_remove": lambda w: {
        "pk": w.survey.pk,
        "question_pk": w.question.pk,
    },
    "orga:feedback_results": lambda w: {"pk": w.survey.pk},
    "orga:feedback_export": lambda w: {"pk": w.survey.pk, "fmt": "csv"},
    "orga:twinning_close": lambda w: {"pk": w.twinning.pk},
    "orga:twinning_plan_kind": lambda w: {"pk": w.twinning.pk},
    "orga:twinning_certificates": lambda w: {"pk": w.twinning.pk},
    "portal:certificate": lambda w: {"pk": w.twinning.pk, "certificate_pk": w.certificate.pk},
    "public:certificate": lambda w: {"code": w.certificate.code},
    "public:feedback": lambda w: {"token": w.survey_invitation.token},
    "orga:mailing": lambda w: {"pk": w.mailing.pk},
    "orga:mailing_edit": lambda w: {"pk": w.mailing.pk},
    "orga:mailing_send": lambda w: {"pk": w.mailing.pk},
    "orga:mailing_delete": lambda w: {"pk": w.mailing.pk},
    "orga:cohort_partner_new": lambda w: {"cohort_pk": w.cohort.pk},
    "orga:cohort_partner_edit": lambda w: {"cohort_pk": w.cohort.pk, "pk": w.partner.pk},
    "orga:cohort_partner_delete": lambda w: {"cohort_pk": w.cohort.pk, "pk": w.partner.pk},
    "public:partner_logo": lambda w: {"pk": w.partner.pk},
    "orga:webinar_edit": lambda w: {"pk": w.webinar.pk},
    "orga:webinar_cancel": lambda w: {"pk": w.webinar.pk},
    "orga:cohort": lambda w: {"pk": w.cohort.pk},
    "orga:cohort_edit": lambda w: {"pk": w.cohort.pk},
    "orga:milestone_new": lambda w: {"cohort_pk": w.cohort.pk},
    "orga:milestone_edit": lambda w: {
        "cohort_pk": w.cohort.pk,
        "pk": w.cohort.milestones.first().pk,
    },
    "orga:milestone_extend": lambda w: {
        "cohort_pk": w.cohort.pk,
        "pk": w.cohort.milestones.first().pk,
    },
    "orga:webinar_export": lambda w: {"pk": w.webinar.pk, "fmt": "csv"},
    "orga:interest_invite": lambda w: {"pk": w.interest.pk},
    "orga:interest_export": lambda w: {"fmt": "csv"},
    "orga:inbox_mark": lambda w: {"pk": w.contact.pk},
    "orga:outbox_resend": lambda w: {"pk": w.mail.pk},
    "orga:registration": lambda w: {"pk": w.registration.pk},
    "orga:registration_decide": lambda w: {"pk": w.registration.pk},
    "orga:practice_decide": lambda w: {"pk": w.practice.pk},
    "orga:matchmaking_day": lambda w: {"pk": w.day.pk},
    "orga:matchmaking_day_edit": lambda w: {"pk": w.day.pk},
    "orga:matchmaking_run_start": lambda w: {"pk": w.day.pk},
    "orga:matchmaking_run": lambda w: {"pk": w.schedule_run.pk},
    "orga:matchmaking_run_requeue": lambda w: {"pk": w.schedule_run.pk},
    "orga:matchmaking_lock": lambda w: {"pk": w.meeting.pk},
    "orga:matchmaking_publish": lambda w: {"pk": w.day.pk},
    "orga:matchmaking_grid": lambda w: {"pk": w.day.pk},
    "orga:matchmaking_grid_export": lambda w: {"pk": w.day.pk, "fmt": "csv"},
    "orga:matchmaking_people": lambda w: {"pk": w.day.pk},
    "orga:matchmaking_people_export": lambda w: {"pk": w.day.pk, "fmt": "csv"},
    "orga:matchmaking_report": lambda w: {"pk": w.day.pk},
    "orga:matchmaking_report_export": lambda w: {"pk": w.day.pk, "table": "cities", "fmt": "csv"},
    "orga:selection_run": lambda w: {"pk": w.selection_run.pk},
    "orga:selection_run_confirm": lambda w: {"pk": w.selection_run.pk},
    "orga:selection_run_requeue": lambda w: {"pk": w.selection_run.pk},
    "orga:twinning_withdraw": lambda w: {"pk": w.twinning.pk},
    "orga:year_workshop": lambda w: {"pk": w.workshop.pk},
    "orga:year_workshop_edit": lambda w: {"pk": w.workshop.pk},
    "orga:year_visit_decide": lambda w: {"pk": w.visit.pk},
    "orga:year_claims_export": lambda w: {"fmt": "csv"},
    "orga:year_claim": lambda w: {"pk": w.claim.pk},
    "orga:year_claim_receipt": lambda w: {"pk": w.claim.pk, "receipt_pk": w.receipt.pk},
    "orga:plan_decide": lambda w: {"pk": w.plan.pk},
    "orga:dashboard_report": lambda w: {"slug": w.cohort.slug},
    "orga:dashboard_section": lambda w: {"section": "registrations"},
    "orga:dashboard_export": lambda w: {
        "slug": w.cohort.slug,
        "table": "funnel-mission",
        "fmt": "csv",
    },
    "orga:person": lambda w: {"pk": w.people["member"].pk},
    "orga:person_export": lambda w: {"pk": w.people["member"].pk},
    "orga:person_delete": lambda w: {"pk": w.people["member"].pk},
    "orga:audit_object": lambda w: {
        "content_type_id": _user_ct(w),
        "object_id": w.people["member"].pk,
    },
    "orga:api_token_revoke": lambda w: {"pk": w.api_token.pk},
}

# What a GET returns for (visitor, member of another city, member, facilitator, organiser):
# a status, or LOGIN for the redirect to the sign-in page.
LOGIN = "login"
ALL = (200, 200, 200, 200, 200)
SIGNED_IN = (LOGIN, 200, 200, 200, 200)
ORGANISERS = (LOGIN, 403, 403, 403, 200)
# Pages that only take a POST: the GET says who is turned away before the method is.
ORGANISERS_POST = (LOGIN, 403, 403, 403, 405)
SIGNED_IN_POST = (LOGIN, 405, 405, 405, 405)
POST_ONLY = (405, 405, 405, 405, 405)
# The portal's start page sends the programme team and facilitators without a city to theirs.
CITIES_START = (LOGIN, 200, 200, 302, 302)
EXPECTED: dict[str, tuple] = {
    "orga:cohort": ORGANISERS,
    "orga:feedback_export": ORGANISERS,
    "orga:feedback_question": ORGANISERS,
    "orga:feedback_question_remove": ORGANISERS_POST,
    "orga:feedback_results": ORGANISERS,
    "orga:feedback_survey": ORGANISERS,
    "orga:feedback_survey_edit": ORGANISERS,
    "orga:feedback_survey_new": ORGANISERS,
    "orga:feedback_surveys": ORGANISERS,
    "orga:twinning_certificates": ORGANISERS_POST,
    "orga:twinning_close": ORGANISERS_POST,
    "orga:twinning_plan_kind": ORGANISERS_POST,
    # the certificate of the member's city: its representatives and the programme team
    "portal:certificate": (LOGIN, 403, 200, 403, 200),
    "public:certificate": ALL,
    # the survey's link opens the form for whoever holds it, without signing in
    "public:feedback": ALL,
    "orga:conversations": ORGANISERS,
    "orga:cohort_partner_delete": ORGANISERS_POST,
    "orga:cohort_partner_edit": ORGANISERS,
    "orga:cohort_partner_new": ORGANISERS,
    "orga:mailing": ORGANISERS,
    "orga:mailing_delete": ORGANISERS_POST,
    "orga:mailing_edit": ORGANISERS,
    "orga:mailing_new": ORGANISERS,
    "orga:mailing_send": ORGANISERS_POST,
    "orga:mailings": ORGANISERS,
    "public:partner_logo": ALL,
    "orga:cohort_edit": ORGANISERS,
    "orga:cohort_new": ORGANISERS,
    "orga:cohorts": ORGANISERS,
    "orga:milestone_edit": ORGANISERS,
    "orga:milestone_extend": ORGANISERS,
    "orga:milestone_new": ORGANISERS,
    "orga:webinar_cancel": ORGANISERS,
    "orga:webinar_edit": ORGANISERS,
    "orga:webinar_new": ORGANISERS,
    "orga:api_token_revoke": ORGANISERS_POST,
    "orga:api_tokens": ORGANISERS,
    "orga:audit": ORGANISERS,
    "orga:audit_object": ORGANISERS,
    "orga:dashboard": ORGANISERS,
    "orga:dashboard_export": ORGANISERS,
    "orga:dashboard_report": ORGANISERS,
    "orga:dashboard_section": ORGANISERS,
    "orga:home": (LOGIN, 403, 403, 200, 200),
    "orga:inbox": ORGANISERS,
    "orga:inbox_mark": ORGANISERS_POST,
    "orga:interest": ORGANISERS,
    "orga:interest_export": ORGANISERS,
    "orga:interest_invite": ORGANISERS_POST,
    "orga:invitations": ORGANISERS,
    "orga:matchmaking_day": ORGANISERS,
    "orga:matchmaking_day_edit": ORGANISERS,
    "orga:matchmaking_day_new": ORGANISERS,
    "orga:matchmaking_days": ORGANISERS,
    "orga:matchmaking_grid": ORGANISERS,
    "orga:matchmaking_grid_export": ORGANISERS,
    "orga:matchmaking_lock": POST_ONLY,
    "orga:matchmaking_people": POST_ONLY,
    "orga:matchmaking_people_export": ORGANISERS,
    "orga:matchmaking_publish": POST_ONLY,
    "orga:matchmaking_report": ORGANISERS,
    "orga:matchmaking_report_export": ORGANISERS,
    "orga:matchmaking_run": ORGANISERS,
    "orga:matchmaking_run_requeue": POST_ONLY,
    "orga:matchmaking_run_start": POST_ONLY,
    "orga:outbox": ORGANISERS,
    "orga:outbox_resend": ORGANISERS_POST,
    "orga:people": ORGANISERS,
    "orga:person": ORGANISERS,
    "orga:person_delete": ORGANISERS_POST,
    "orga:person_export": ORGANISERS,
    "orga:plan_decide": SIGNED_IN_POST,
    "orga:plans": ORGANISERS,
    "orga:practice_decide": ORGANISERS_POST,
    "orga:registration": ORGANISERS,
    "orga:registration_decide": ORGANISERS_POST,
    "orga:registrations": ORGANISERS,
    "orga:selection_compare": (LOGIN, 403, 403, 403, 404),
    "orga:selection_preferences": ORGANISERS,
    "orga:selection_run": ORGANISERS,
    "orga:selection_run_confirm": ORGANISERS_POST,
    "orga:selection_run_new": ORGANISERS,
    "orga:selection_run_requeue": ORGANISERS_POST,
    "orga:selection_runs": ORGANISERS,
    "orga:twinning_withdraw": ORGANISERS_POST,
    "orga:twinnings": ORGANISERS,
    "orga:twinnings_publish": ORGANISERS_POST,
    "orga:webinar_detail": ORGANISERS,
    "orga:webinar_export": ORGANISERS,
    "orga:webinars": ORGANISERS,
    "orga:year_claim": ORGANISERS,
    "orga:year_claim_receipt": ORGANISERS,
    "orga:year_claims": ORGANISERS,
    "orga:year_claims_export": ORGANISERS,
    "orga:year_progress": ORGANISERS,
    "orga:year_visit_decide": ORGANISERS_POST,
    "orga:year_visits": ORGANISERS,
    "orga:year_workshop": (LOGIN, 403, 403, 200, 200),
    "orga:year_workshop_edit": (LOGIN, 403, 403, 200, 200),
    "orga:year_workshop_new": (LOGIN, 403, 403, 200, 200),
    "orga:year_workshops": (LOGIN, 403, 403, 200, 200),
    "portal:account": SIGNED_IN,
    "portal:account_consent": SIGNED_IN_POST,
    "portal:account_notifications": SIGNED_IN_POST,
    "portal:account_delete": SIGNED_IN,
    "portal:account_export": SIGNED_IN,
    "portal:attachment_add": SIGNED_IN_POST,
    "portal:attachment_delete": SIGNED_IN_POST,
    "portal:city_search": SIGNED_IN,
    "portal:claim": (LOGIN, 403, 200, 200, 200),
    "portal:claim_new": SIGNED_IN_POST,
    "portal:home": CITIES_START,
    "portal:interests": (LOGIN, 403, 200, 403, 403),
    "portal:invitation": ALL,
    "portal:matchmaking_agenda": (LOGIN, 403, 200, 403, 403),
    "portal:matchmaking_availability": (LOGIN, 403, 200, 403, 403),
    "portal:matchmaking_city": (LOGIN, 403, 200, 403, 403),
    "portal:matchmaking_days": SIGNED_IN,
    "portal:matchmaking_feed": ALL,
    "portal:matchmaking_participants": (LOGIN, 403, 200, 403, 403),
    "portal:matchmaking_request_action": POST_ONLY,
    "portal:matchmaking_request_new": (LOGIN, 403, 200, 403, 403),
    "portal:plan": (LOGIN, 403, 200, 200, 200),
    "portal:plan_action_add": (LOGIN, 403, 200, 403, 403),
    "portal:plan_action_delete": SIGNED_IN_POST,
    "portal:plan_action_edit": (LOGIN, 403, 200, 403, 403),
    "portal:plan_comment": SIGNED_IN_POST,
    "portal:plan_comment_resolve": SIGNED_IN_POST,
    "portal:plan_download": (LOGIN, 403, 200, 200, 200),
    "portal:plan_history": (LOGIN, 403, 200, 200, 200),
    "portal:plan_practices": (LOGIN, 403, 200, 403, 403),
    "portal:plan_restore": SIGNED_IN_POST,
    "portal:plan_section_edit": (LOGIN, 403, 200, 403, 403),
    "portal:plan_submit": SIGNED_IN_POST,
    "portal:practice_delete": SIGNED_IN_POST,
    "portal:practice_edit": (LOGIN, 403, 200, 403, 403),
    "portal:practice_new": (LOGIN, 403, 200, 403, 403),
    "portal:practice_submit": SIGNED_IN_POST,
    "portal:preference_move": SIGNED_IN_POST,
    "portal:preferences": (LOGIN, 403, 200, 403, 403),
    "portal:receipt": (LOGIN, 403, 200, 200, 200),
    "portal:recommendations": (LOGIN, 403, 200, 403, 200),
    "portal:register": ALL,
    "portal:register_mission": SIGNED_IN,
    "portal:register_mission_minded": SIGNED_IN,
    "portal:registration": (LOGIN, 403, 200, 403, 200),
    "portal:registration_step": (LOGIN, 403, 403, 403, 403),
    "portal:registration_submit": SIGNED_IN_POST,
    "portal:registration_withdraw": SIGNED_IN_POST,
    "portal:selection": SIGNED_IN,
    "portal:twinning_answer": (LOGIN, 403, 200, 403, 403),
    "portal:twinnings": SIGNED_IN,
    "portal:visit": (LOGIN, 403, 200, 200, 200),
    "portal:visit_edit": (LOGIN, 403, 200, 200, 200),
    "portal:visit_new": (LOGIN, 403, 200, 200, 200),
    "portal:visit_state": SIGNED_IN_POST,
    "portal:workshop_ics": (LOGIN, 403, 200, 200, 200),
    "portal:workshop_material": (LOGIN, 403, 200, 200, 200),
    "portal:workshop_register": SIGNED_IN_POST,
    "portal:workshop_unregister": SIGNED_IN_POST,
    "portal:workspace": (LOGIN, 403, 200, 200, 200),
    # Messages: the cities and the twinning's facilitator; organisers read to moderate.
    "portal:conversations": SIGNED_IN,
    "portal:conversation": (LOGIN, 403, 200, 200, 200),
    "portal:conversation_attachment": (LOGIN, 403, 200, 200, 200),
    "portal:conversation_new": (LOGIN, 403, 200, 403, 403),
    "portal:conversation_twinning": (LOGIN, 403, 302, 302, 302),
    "portal:conversation_hide": SIGNED_IN_POST,
    "public:cities": ALL,
    "public:city": ALL,
    "public:contact": ALL,
    "public:home": ALL,
    "public:interest": ALL,
    "public:practice": ALL,
    "public:practice_attachment": ALL,
    "public:practices": ALL,
    "public:privacy": ALL,
    "public:twinnings": ALL,
    "public:webinar_cancel": ALL,
    "public:webinar_confirm": ALL,
    "public:webinar_ics": ALL,
    "public:webinar_register": ALL,
    "public:webinar_register_sent": ALL,
    "public:webinar_registered": ALL,
}

# Pages not decided yet; printed by the test so they are not forgotten.
PENDING: set[str] = set()


def _outcome(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return LOGIN
    return response.status_code


def _client_for(django_client_class, person):
    client = django_client_class()
    if person is not None:
        client.force_login(person)
    return client


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle\s*=", re.IGNORECASE)


def _inline_code(response) -> list[str]:
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    html = response.content.decode()
    return INLINE_SCRIPT.findall(html) + INLINE_STYLE.findall(html)


def test_every_page_has_an_expectation():
    names = set(url_names())

    missing = sorted(names - set(EXPECTED) - PENDING)
    gone = sorted(set(EXPECTED) - names)

    assert (missing, gone) == ([], [])


def test_every_page_gives_each_role_exactly_what_it_should(client):
    from django.test import Client

    world = build_world()
    clients = {role: _client_for(Client, person) for role, person in world.people.items()}
    actual, inline = {}, []
    for name in sorted(url_names()):
        try:
            url = reverse(name, kwargs=ARGS[name](world) if name in ARGS else {})
        except NoReverseMatch:
            # A new page without arguments yet: test_every_page_has_an_expectation names it.
            continue
        outcomes = []
        for role in ROLES:
            response = clients[role].get(url)
            outcomes.append(_outcome(response))
            if response.status_code == 200:
                inline += [f"{name} as {role}: {tag}" for tag in _inline_code(response)]
        actual[name] = tuple(outcomes)
    if os.environ.get("PRINT_PERMISSION_MATRIX"):
        for name, outcomes in actual.items():
            print(f'    "{name}": {outcomes},')
    if PENDING:
        print("Pages whose permissions are not decided yet:", ", ".join(sorted(PENDING)))
    wrong = {
        name: {"expected": EXPECTED[name], "actual": outcomes}
        for name, outcomes in actual.items()
        if name in EXPECTED and EXPECTED[name] != outcomes
    }
    assert wrong == {}
    # The Content-Security-Policy allows no inline script or style.
    assert inline == []


# Who is turned away by a POST to a page that only takes one (the GET cannot tell).
POST_REFUSED = {
    ORGANISERS_POST: ("visitor", "other", "member", "facilitator"),
    SIGNED_IN_POST: ("visitor", "other"),
    POST_ONLY: ("visitor", "other"),
}
# Signed-in people act on their own account, or on a request they sent.
POST_REFUSED_EXCEPTIONS = {
    "portal:account_consent": ("visitor",),
    "portal:account_notifications": ("visitor",),
    "portal:conversation_hide": ("visitor", "other", "member", "facilitator"),
    "portal:matchmaking_request_action": ("visitor", "facilitator"),
    "orga:matchmaking_lock": ("visitor", "other", "member", "facilitator"),
    "orga:matchmaking_people": ("visitor", "other", "member", "facilitator"),
    "orga:matchmaking_publish": ("visitor", "other", "member", "facilitator"),
    "orga:matchmaking_run_requeue": ("visitor", "other", "member", "facilitator"),
    "orga:matchmaking_run_start": ("visitor", "other", "member", "facilitator"),
    "orga:plan_decide": ("visitor", "other", "member", "facilitator"),
}


def refused_roles(name) -> tuple[str, ...]:
    if name in POST_REFUSED_EXCEPTIONS:
        return POST_REFUSED_EXCEPTIONS[name]
    expected = EXPECTED[name]
    if expected in POST_REFUSED:
        return POST_REFUSED[expected]
    return tuple(
        role for role, outcome in zip(ROLES, expected, strict=True) if outcome in (LOGIN, 403, 404)
    )


def _fingerprint() -> dict[str, int]:
    """How many rows each table holds, and the last audit entry."""
    counts = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
    }
    counts["last audit entry"] = AuditEntry.objects.order_by("-id").values_list("id", flat=True)[0]
    return counts


def test_refused_roles_change_nothing_with_a_post():
    from django.test import Client

    world = build_world()
    clients = {role: _client_for(Client, person) for role, person in world.people.items()}
    before = _fingerprint()
    wrong = []
    for name in sorted(set(url_names()) & set(EXPECTED)):
        kwargs = ARGS[name](world) if name in ARGS else {}
        url = reverse(name, kwargs=kwargs)
        for role in refused_roles(name):
            audit_entries, mails = AuditEntry.objects.count(), OutgoingMail.objects.count()
            outcome = _outcome(clients[role].post(url, {}))
            if outcome not in (LOGIN, 403, 404):
                wrong.append(f"{name} as {role}: {outcome}")
            if (AuditEntry.objects.count(), OutgoingMail.objects.count()) != (audit_entries, mails):
                wrong.append(f"{name} as {role}: something changed")

    assert wrong == []
    assert _fingerprint() == before
