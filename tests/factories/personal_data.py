"""A person with data in every part of the platform, to test the download and deletion."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import (
    CityFactory,
    CohortFactory,
    MembershipFactory,
    MissionCityFactory,
    RegistrationFactory,
    UserFactory,
    WebinarFactory,
)
from tests.factories.matchmaking import ParticipationFactory, accepted_meeting, matchmaking_day
from tests.factories.practices import InvitationFactory
from tests.factories.selection import TwinningFactory, TwinningMemberFactory
from twinning.accounts.models import Consent, ConsentPurpose
from twinning.common.audit import record_action
from twinning.mail.models import OutgoingMail
from twinning.mailings.models import Mailing
from twinning.matchmaking.models import MeetingReport, ScheduleRun
from twinning.outreach.models import ContactMessage, InterestExpression, WebinarRegistration
from twinning.selection.models import SelectionRun
from twinning.visits.models import Delegate, ExpenseClaim, Receipt, Visit
from twinning.workshops.models import Workshop, WorkshopRegistration

NAME = "Ådne Østberg-Lindqvist"
EMAIL = "adne.ostberg@kommune.example.no"


@dataclass
class PersonWithData:
    user: object
    city: object
    twinning: object
    paid_claim: object
    open_claim: object
    receipt: object
    made: dict = field(default_factory=dict)


def person_with_data_everywhere(*, name=NAME, email=EMAIL) -> PersonWithData:
    """One person who left a trace in every model that records people."""
    user = UserFactory(name=name, email=email, time_zone="Europe/Oslo", language="nb")
    cohort = CohortFactory()
    membership = MembershipFactory(user=user, city=CityFactory(name="Sønderborg"))
    city = membership.city
    other_city = MissionCityFactory(name="Pécs")
    made = {"membership": membership}
    Consent.objects.create(user=user, purpose=ConsentPurpose.NEWSLETTER, text_version="2026-11")
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    user.groups.add(Group.objects.create(name="Reviewers"))
    user.user_permissions.add(Permission.objects.get(codename="view_city"))
    LogEntry.objects.log_actions(user.pk, [city], ADDITION, change_message="Added.")

    registration = RegistrationFactory(
        cohort=cohort, city=city, representatives=f"{name}, climate officer, {email}"
    )
    InvitationFactory(
        cohort=cohort, city=city, email=email, accepted_by=user, registration=registration
    )
    InvitationFactory(cohort=cohort, city=other_city, created_by=user)
    webinar = WebinarFactory(cohort=cohort)
    made["seat"] = WebinarRegistration.objects.create(
        webinar=webinar,
        name=name,
        email=email.upper(),
        organisation="Sønderborg Kommune",
        city="Sønderborg",
        country="DK",
        role="mission_minded",
        status="confirmed",
    )
    InterestExpression.objects.create(
        city_name="Sønderborg", country="DK", kind="mission_minded", contact_name=name, email=email
    )
    ContactMessage.objects.create(
        name=name, email=email, subject="Visit budget", message="May two of us travel?"
    )
    ContactMessage.objects.create(
        name="Someone else",
        email="other@example.org",
        subject="Webinar",
        message="Thanks.",
        handled_by=user,
    )
    OutgoingMail.objects.create(
        template="test_message", to=[email], subject="Hello", body=f"Dear {name},"
    )
    OutgoingMail.objects.create(
        template="test_message", to=["team@example.org"], subject="Note", body="", created_by=user
    )
    OutgoingMail.objects.create(
        template="test_message", to=["other@example.org", email], subject="To the city", body=""
    )

    day = matchmaking_day(cohort)
    participation = ParticipationFactory(day=day, city=city)
    participation.attendees.add(user)
    participation.present.add(user)
    ScheduleRun.objects.create(day=day, created_by=user)
    MeetingReport.objects.create(
        meeting=accepted_meeting(day, city, other_city),
        city=city,
        outcome="held",
        reported_by=user,
        at=timezone.now(),
    )
    SelectionRun.objects.create(cohort=cohort, created_by=user, confirmed_by=user)
    Mailing.objects.create(
        subject="To the facilitators", text="Hello", segment="facilitators",
        created_by=user, sent_by=user, state="sent",
    )  # fmt: skip

    twinning = TwinningFactory(cohort=cohort, facilitator=user)
    TwinningMemberFactory(twinning=twinning, city=city, role="mission_minded", decided_by=user)
    TwinningMemberFactory(twinning=twinning, city=other_city)

    workshop = Workshop.objects.create(
        cohort=cohort,
        twinning=twinning,
        title="Financing retrofits",
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3, hours=-2),
        time_zone="Europe/Brussels",
        created_by=user,
    )
    WorkshopRegistration.objects.create(workshop=workshop, person=user, attendance="attended")
    visit = Visit.objects.create(
        twinning=twinning,
        host=other_city,
        starts_on=dt.date(2026, 10, 5),
        ends_on=dt.date(2026, 10, 7),
        state="done",
        created_by=user,
    )
    Delegate.objects.create(visit=visit, person=user, city=city)
    paid_claim = ExpenseClaim.objects.create(
        visit=visit,
        traveller=user,
        category="travel",
        description="Train Sønderborg–Pécs",
        amount=Decimal("412.50"),
        amount_eur=Decimal("412.50"),
        state="paid",
    )
    open_claim = ExpenseClaim.objects.create(
        visit=visit,
        traveller=user,
        category="subsistence",
        description="Dinner",
        amount=Decimal("30.00"),
        amount_eur=Decimal("30.00"),
        state="submitted",
    )
    receipt = Receipt(claim=open_claim, content_type="application/pdf", size=9)
    receipt.file.save("dinner.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    _plan_and_api_records(user, twinning, name)
    NudgeSent = _model("nextsteps.NudgeSent")
    if NudgeSent is not None:
        NudgeSent.objects.create(user=user, key=f"registration:{registration.pk}:draft", label="7d")
    made["message"] = _messages(user, city, other_city, name)
    _feedback(user, cohort, workshop)
    record_action("membership.added", membership, by=user, note=f"{name} joined")
    return PersonWithData(user, city, twinning, paid_claim, open_claim, receipt, made)


def _messages(user, city, other_city, name):
    """A message of the person with an attachment, one they hid, and what they have read."""
    Conversation = _model("conversations.Conversation")
    if Conversation is None:
        return None
    conversation = Conversation.objects.create(key="test:1", started_by=user)
    conversation.cities.set([city, other_city])
    message = conversation.messages.create(
        author=user, city=city, text=f"Best regards, {name}, {EMAIL}"
    )
    attachment = message.attachments.model(message=message, content_type="application/pdf", size=9)
    attachment.file.save("slides.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    other = UserFactory(name="Someone of Pécs")
    conversation.messages.create(author=other, text="Rude", hidden_by=user)
    conversation.read_states.create(person=user, last_read_id=message.pk)
    return message


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _feedback(user, cohort, workshop):
    """An answered survey about the workshop."""
    from tests.factories.feedback import survey_with_questions

    survey = survey_with_questions(cohort)
    invitation = survey.invitations.create(
        event_id=workshop.pk,
        event_title=workshop.title,
        event_ended_at=workshop.ends_at,
        person=user,
        created=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(days=60),
        answered_at=timezone.now(),
    )
    scale, _choice, text = survey.questions.order_by("position")
    invitation.answers.create(question=scale, value=4)
    invitation.answers.create(question=text, text="More time for the banks")


def _plan_and_api_records(user, twinning, name):
    """The joint plan's history and the API keys, written by the person."""
    JointPlan, ApiToken = _model("plans.JointPlan"), _model("accounts.ApiToken")
    if JointPlan is not None:
        plan = JointPlan.objects.create(
            twinning=twinning, kind_name="Replication Plan", submitted_by=user, decided_by=user
        )
        section = plan.sections.create(kind="context", text="Our ambition", updated_by=user)
        section.versions.create(number=1, text=f"Drafted by {name}", author=user)
        section.comments.create(author=user, text="Shall we add the heat plan?", resolved_by=user)
    Certificate = _model("plans.Certificate")
    if Certificate is not None:
        city = user.memberships.first().city
        Certificate.objects.create(
            code="certificate-of-the-person",
            twinning=twinning,
            city=city,
            person=user,
            person_name=name,
            plan_kind="Replication Plan",
            workshops=["Funding the transition"],
            issued_at=timezone.now(),
            issued_by=user,
        )
    if ApiToken is not None:
        ApiToken.objects.create(
            user=user, name="Monthly report", prefix="tw_abc", key_hash="0" * 64
        )
