"""API tokens: issued with a name, stored only as a hash, revoked for good."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from tests.factories.selection import QuickOrganiserFactory
from twinning.accounts.domain.api_tokens import issue_token, revoke_token, token_for_key
from twinning.accounts.domain.queries import tokens_of
from twinning.accounts.models import ApiToken
from twinning.common.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_issuing_a_token_keeps_only_the_hash_of_its_key():
    organiser = QuickOrganiserFactory()

    _token, key = issue_token(organiser, name="  Monthly report  ", by=organiser)

    stored = ApiToken.objects.get()
    assert key.startswith("twn_")
    assert len(key) == 47
    assert stored.name == "Monthly report"
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert stored.prefix == key[:10]
    assert key not in {stored.key_hash, stored.prefix, stored.name}
    entry = AuditEntry.objects.get(action="api_token.issued")
    assert entry.data == {"name": "Monthly report", "user": organiser.pk}
    assert key not in str(entry.data)


def test_two_tokens_never_share_a_key():
    organiser = QuickOrganiserFactory()

    _first, one = issue_token(organiser, name="One", by=organiser)
    _second, other = issue_token(organiser, name="Two", by=organiser)

    assert one != other


def test_a_token_without_a_name_is_refused():
    organiser = QuickOrganiserFactory()

    with pytest.raises(ValidationError) as refusal:
        issue_token(organiser, name="   ", by=organiser)

    assert refusal.value.messages == ["Give the token a name, so you can recognise it later."]
    assert ApiToken.objects.count() == 0


def test_a_key_finds_its_token_and_marks_it_used():
    organiser = QuickOrganiserFactory()
    token, key = issue_token(organiser, name="Reports", by=organiser)

    found = token_for_key(key)

    assert found == token
    assert found.user == organiser
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "key", ["", "twn_", "twn_wrong", "not-even-the-prefix", "twn_" + "x" * 300]
)
def test_a_wrong_key_finds_nothing(key):
    organiser = QuickOrganiserFactory()
    issue_token(organiser, name="Reports", by=organiser)

    assert token_for_key(key) is None


def test_revoking_a_token_makes_its_key_useless():
    organiser = QuickOrganiserFactory()
    token, key = issue_token(organiser, name="Reports", by=organiser)

    revoke_token(token, by=organiser)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token_for_key(key) is None
    assert AuditEntry.objects.filter(action="api_token.revoked").count() == 1


def test_revoking_twice_is_refused():
    organiser = QuickOrganiserFactory()
    token, _key = issue_token(organiser, name="Reports", by=organiser)
    revoke_token(token, by=organiser)

    with pytest.raises(ValidationError) as refusal:
        revoke_token(token, by=organiser)

    assert refusal.value.messages == ["This token has already been revoked."]
    assert AuditEntry.objects.filter(action="api_token.revoked").count() == 1


def test_tokens_of_a_person_list_active_ones_first():
    organiser = QuickOrganiserFactory()
    old, _ = issue_token(organiser, name="Old", by=organiser)
    issue_token(organiser, name="Active", by=organiser)
    revoke_token(old, by=organiser)
    issue_token(QuickOrganiserFactory(), name="Someone else's", by=organiser)

    assert [t.name for t in tokens_of(organiser)] == ["Active", "Old"]


def test_organisers_revoke_a_persons_tokens_in_the_administration(client):
    organiser = QuickOrganiserFactory()
    holder = QuickOrganiserFactory()
    token, key = issue_token(holder, name="Leaving colleague", by=holder)
    client.force_login(organiser)

    listing = client.get("/admin/accounts/apitoken/")
    response = client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )

    token.refresh_from_db()
    assert listing.status_code == 200
    assert response.status_code == 200
    assert token.revoked_at is not None
    assert token_for_key(key) is None
    assert AuditEntry.objects.get(action="api_token.revoked").actor == organiser
