import pytest
from django.core.exceptions import ValidationError

from tests.factories import UserFactory
from twinning.accounts.domain.consents import give_consent, withdraw_consent
from twinning.accounts.domain.queries import active_consents, has_consent
from twinning.accounts.models import CONSENT_TEXT_VERSION, Consent
from twinning.common.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_giving_consent_records_the_version_of_the_text():
    user = UserFactory()

    consent = give_consent(user, "newsletter", by=user)

    assert (consent.purpose, consent.text_version, consent.withdrawn_at) == (
        "newsletter",
        CONSENT_TEXT_VERSION,
        None,
    )
    assert has_consent(user, "newsletter") is True
    assert list(active_consents(user)) == ["newsletter"]
    assert AuditEntry.objects.get().action == "consent.given"


def test_giving_consent_twice_is_refused():
    user = UserFactory()
    give_consent(user, "photos", by=user)

    with pytest.raises(ValidationError) as error:
        give_consent(user, "photos", by=user)

    assert error.value.messages == ["You have already agreed to this."]


def test_an_unknown_purpose_is_refused():
    user = UserFactory()

    with pytest.raises(ValidationError) as error:
        give_consent(user, "marketing", by=user)

    assert error.value.messages == ["There is no such purpose."]


def test_withdrawing_keeps_the_record_with_its_end():
    user = UserFactory()
    give_consent(user, "public_profile", by=user)

    consent = withdraw_consent(user, "public_profile", by=user)

    assert consent.withdrawn_at is not None
    assert has_consent(user, "public_profile") is False
    assert Consent.objects.count() == 1
    assert [e.action for e in AuditEntry.objects.order_by("id")] == [
        "consent.given",
        "consent.withdrawn",
    ]


def test_consent_can_be_given_again_after_withdrawal():
    user = UserFactory()
    give_consent(user, "newsletter", by=user)
    withdraw_consent(user, "newsletter", by=user)

    give_consent(user, "newsletter", by=user)

    assert Consent.objects.filter(user=user).count() == 2
    assert has_consent(user, "newsletter") is True


def test_withdrawing_what_was_not_given_is_refused():
    user = UserFactory()

    with pytest.raises(ValidationError) as error:
        withdraw_consent(user, "photos", by=user)

    assert error.value.messages == ["You had not agreed to this."]
