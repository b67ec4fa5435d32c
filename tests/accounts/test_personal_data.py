import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from tests.factories import CityFactory, MembershipFactory, OrganiserFactory, UserFactory
from tests.factories.personal_data import EMAIL, NAME, person_with_data_everywhere
from tests.factories.practices import PracticeFactory
from twinning.accounts.domain.personal_data import (
    DELETION_POLICY,
    REMOVED,
    delete_personal_data,
    export_personal_data,
    personal_links,
)
from twinning.cities.models import Invitation, Membership, Registration
from twinning.common.audit import record_action
from twinning.common.models import AuditEntry
from twinning.feedback.models import SurveyInvitation
from twinning.mail.models import OutgoingMail
from twinning.nextsteps.models import NudgeSent
from twinning.outreach.models import ContactMessage, InterestExpression, WebinarRegistration
from twinning.visits.models import ExpenseClaim, Receipt

pytestmark = pytest.mark.django_db


def _relations_to_people() -> set[str]:
    """Every relation, in every model, that points to a person (many-to-many by its table)."""
    user_model = get_user_model()
    keys = set()
    for model in apps.get_models(include_auto_created=True):
        for f in model._meta.get_fields():
            if not (f.concrete and f.is_relation and f.related_model is user_model):
                continue
            if f.many_to_many:
                through = f.remote_field.through
                keys.add(f"{through._meta.label}.{f.m2m_reverse_field_name()}")
            else:
                keys.add(f"{model._meta.label}.{f.name}")
    return keys


def _all_text(exported) -> str:
    return json.dumps(exported, ensure_ascii=False, cls=DjangoJSONEncoder)


def test_every_relation_to_people_is_found():
    keys = {link.key for link in personal_links()}

    assert _relations_to_people() - keys == set()


def test_every_relation_to_people_has_a_deletion_rule():
    keys = {link.key for link in personal_links()}

    assert sorted(keys - set(DELETION_POLICY)) == []
    # and no rule is left for a field that is gone
    assert sorted(set(DELETION_POLICY) - keys) == []


def test_export_holds_a_record_of_every_model_that_records_people():
    person = person_with_data_everywhere()

    exported = export_personal_data(person.user)

    expected = {link.model._meta.label for link in personal_links()}
    # the receipt of a claim, the attachment of a message and the answers to a survey
    # are the person's too
    assert set(exported["records"]) == expected | {
        "visits.Receipt",
        "conversations.Attachment",
        "feedback.Answer",
    }


def test_export_holds_the_person_and_their_records():
    person = person_with_data_everywhere()

    exported = export_personal_data(person.user)

    assert exported["person"]["email"] == EMAIL
    assert exported["person"]["name"] == NAME
    assert exported["person"]["time_zone"] == "Europe/Oslo"
    assert "password" not in exported["person"]
    records = exported["records"]
    assert [r["city"] for r in records["outreach.WebinarRegistration"]] == ["Sønderborg"]
    assert [r["description"] for r in records["visits.ExpenseClaim"]] == [
        "Train Sønderborg–Pécs",
        "Dinner",
    ]
    assert [r["file"] for r in records["visits.Receipt"]] == [person.receipt.file.name]
    assert [r["_via"] for r in records["visits.Receipt"]] == [
        f"visits.ExpenseClaim:{person.open_claim.pk}"
    ]
    assert [r["type"] for r in records["mfa.Authenticator"]] == ["totp"]
    assert "data" not in records["mfa.Authenticator"][0]
    assert [r["purpose"] for r in records["accounts.Consent"]] == ["newsletter"]
    assert json.loads(_all_text(exported)) == exported


def test_export_leaves_other_people_out():
    person_with_data_everywhere()
    other = UserFactory(email="someone@example.org", name="Someone Else")

    exported = export_personal_data(other)

    assert exported["records"].keys() == {"account.EmailAddress"}
    assert "Østberg" not in _all_text(exported)


def test_export_does_not_follow_records_the_person_only_acted_on():
    person = person_with_data_everywhere()

    exported = export_personal_data(person.user)

    # facilitating a twinning does not make its workshops and visits the person's
    assert [r["id"] for r in exported["records"]["programme.Twinning"]] == [person.twinning.pk]
    assert [r["_via"] for r in exported["records"]["programme.Twinning"]] == [
        "programme.Twinning.facilitator"
    ]


def _traces(needles) -> list[str]:
    """Every row of every model with one of the texts in a text, char or JSON column."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        for obj in model._base_manager.all():
            for f in fields:
                value = getattr(obj, f.attname)
                text = (
                    json.dumps(value, ensure_ascii=False)
                    if f.get_internal_type() == ("JSONField")
                    else str(value or "")
                )
                for needle in needles:
                    if needle.lower() in text.lower():
                        found.append(f"{model._meta.label}.{f.name} #{obj.pk}")
    return found


def test_deletion_leaves_nothing_personal_behind(client, django_capture_on_commit_callbacks):
    person = person_with_data_everywhere()
    client.force_login(person.user)
    assert _traces([EMAIL, NAME]) != []

    with django_capture_on_commit_callbacks(execute=True):
        delete_personal_data(person.user, by=person.user)

    assert _traces([EMAIL, NAME]) == []
    assert [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id")] == []


def test_deletion_anonymises_the_account():
    person = person_with_data_everywhere()

    delete_personal_data(person.user, by=person.user)

    user = get_user_model().objects.get(pk=person.user.pk)
    assert user.email == f"removed-{user.pk}@invalid"
    assert user.name == ""
    assert user.time_zone == ""
    assert user.is_active is False
    assert user.has_usable_password() is False
    assert user.anonymised_at is not None
    assert str(user) == "a former member"
    assert EmailAddress.objects.filter(user=user).count() == 0
    assert Authenticator.objects.filter(user=user).count() == 0
    assert user.groups.count() == 0


def test_deletion_removes_what_need_not_stay(django_capture_on_commit_callbacks):
    person = person_with_data_everywhere()
    storage, receipt_name = person.receipt.file.storage, person.receipt.file.name

    with django_capture_on_commit_callbacks(execute=True):
        delete_personal_data(person.user, by=person.user)

    assert Membership.objects.filter(user=person.user).count() == 0
    assert WebinarRegistration.objects.count() == 0
    assert InterestExpression.objects.count() == 0
    assert list(ContactMessage.objects.values_list("email", flat=True)) == ["other@example.org"]
    assert sorted(OutgoingMail.objects.values_list("subject", "to")) == [
        ("Note", ["team@example.org"]),
        ("To the city", ["other@example.org", f"removed-{person.user.pk}@invalid"]),
    ]
    assert list(ExpenseClaim.objects.values_list("pk", flat=True)) == [person.paid_claim.pk]
    assert Receipt.objects.count() == 0
    assert storage.exists(receipt_name) is False
    assert NudgeSent.objects.count() == 0


def test_deletion_keeps_the_programme_records_pointing_to_the_anonymised_person():
    person = person_with_data_everywhere()

    delete_personal_data(person.user, by=person.user)

    claim = ExpenseClaim.objects.get()
    assert claim.traveller_id == person.user.pk
    assert claim.description == "Train Sønderborg–Pécs"
    person.twinning.refresh_from_db()
    assert person.twinning.facilitator_id == person.user.pk
    assert list(Invitation.objects.filter(city=person.city).values_list("email", flat=True)) == [
        f"removed-{person.user.pk}@invalid"
    ]
    assert Registration.objects.get(city=person.city).representatives == (
        f"{REMOVED}, climate officer, removed-{person.user.pk}@invalid"
    )
    entry = AuditEntry.objects.get(action="membership.added")
    assert entry.actor_id == person.user.pk
    assert entry.data == {"note": f"{REMOVED} joined"}


def test_deletion_by_an_organiser_is_audited_with_the_reason():
    person = person_with_data_everywhere()
    organiser = OrganiserFactory()

    delete_personal_data(person.user, by=organiser, reason=f"{NAME} asked by e-mail")

    entry = AuditEntry.objects.get(action="person.deleted")
    assert entry.actor == organiser
    assert entry.object_id == str(person.user.pk)
    assert entry.data["reason"] == f"{REMOVED} asked by e-mail"
    assert entry.data["deleted"]["cities.Membership.user"] == 1


def test_deletion_of_a_deleted_account_is_refused():
    person = person_with_data_everywhere()
    delete_personal_data(person.user, by=person.user)

    with pytest.raises(ValidationError) as error:
        delete_personal_data(person.user, by=person.user)

    assert error.value.messages == ["This account has already been deleted."]


def test_deletion_leaves_other_people_alone():
    person = person_with_data_everywhere()
    other = UserFactory(email="other@example.org", name="Other Person")

    delete_personal_data(person.user, by=person.user)

    other.refresh_from_db()
    assert (other.email, other.name, other.is_active) == ("other@example.org", "Other Person", True)
    assert ContactMessage.objects.get().email == "other@example.org"


def _names_of_types_and_permissions():
    return (
        list(ContentType.objects.order_by("pk").values_list("app_label", "model")),
        list(Permission.objects.order_by("pk").values_list("name", "codename")),
    )


def test_deletion_leaves_texts_of_other_records_alone():
    # A short name is found inside many words: "Ana" in "Ljubljana" and "management".
    user = UserFactory(name="Ana", email="ana@example.org")
    city = CityFactory(name="Ljubljana", slug="ljubljana")
    practice = PracticeFactory(
        title="Energy management in schools",
        summary="Ljubljana's energy management of public buildings.",
        registration__city=city,
    )
    membership = MembershipFactory(user=user, city=city)
    mail = OutgoingMail.objects.create(
        template="test_message",
        to=["bob@example.org", "ana@example.org"],
        subject="Ljubljana",
        body="Dear Ana and Bob, the management of Ljubljana writes.",
    )
    record_action("membership.added", membership, by=user, note="Ana joined Ljubljana")
    record_action("city.updated", city, by=None, note="Ljubljana's management, with Ana")
    types_and_permissions = _names_of_types_and_permissions()

    delete_personal_data(user, by=OrganiserFactory())

    city.refresh_from_db()
    practice.refresh_from_db()
    assert (city.name, city.slug) == ("Ljubljana", "ljubljana")
    assert (practice.title, practice.summary) == (
        "Energy management in schools",
        "Ljubljana's energy management of public buildings.",
    )
    assert _names_of_types_and_permissions() == types_and_permissions
    # the message to the person and the entry of what they did lose their name, by word
    mail.refresh_from_db()
    assert (mail.subject, mail.body) == (
        "Ljubljana",
        "Dear [removed] and Bob, the management of Ljubljana writes.",
    )
    assert AuditEntry.objects.get(action="membership.added").data == {
        "note": "[removed] joined Ljubljana"
    }
    # an entry neither by nor about the person is not theirs to erase
    assert AuditEntry.objects.get(action="city.updated").data == {
        "note": "Ljubljana's management, with Ana"
    }


def test_export_holds_the_messages_the_person_wrote():
    person = person_with_data_everywhere()

    exported = export_personal_data(person.user)

    texts = [m["text"] for m in exported["records"]["conversations.Message"]]
    # their own message, and the one they hid as a moderator
    assert sorted(texts) == [f"Best regards, {NAME}, {EMAIL}", "Rude"]
    [attachment] = exported["records"]["conversations.Attachment"]
    assert attachment["message_id"] == person.made["message"].pk


def test_deletion_keeps_messages_signed_by_a_former_member_without_the_name():
    person = person_with_data_everywhere()
    message = person.made["message"]

    delete_personal_data(person.user, by=person.user)

    message.refresh_from_db()
    assert message.author_id == person.user.pk
    assert message.text == f"Best regards, {REMOVED}, removed-{person.user.pk}@invalid"
    assert message.attachments.count() == 1
    assert message.conversation.read_states.count() == 0


def test_deletion_keeps_survey_answers_without_the_person():
    person = person_with_data_everywhere()
    exported = export_personal_data(person.user)
    assert sorted(r["text"] for r in exported["records"]["feedback.Answer"]) == [
        "",
        "More time for the banks",
    ]

    delete_personal_data(person.user, by=person.user)

    invitation = SurveyInvitation.objects.get()
    assert invitation.person is None
    assert list(invitation.answers.order_by("question__position").values_list("value", "text")) == [
        (4, ""),
        (None, "More time for the banks"),
    ]
