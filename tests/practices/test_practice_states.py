import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import MembershipFactory, RegistrationFactory, UserFactory
from tests.factories.practices import PracticeFactory
from twinning.cities.enums import RegistrationState
from twinning.common.files import MAX_ATTACHMENT_SIZE
from twinning.common.models import AuditEntry
from twinning.common.rendering import render_markdown
from twinning.mail.models import OutgoingMail
from twinning.practices.domain.practices import (
    add_attachment,
    save_practice,
    set_practice_state,
)
from twinning.practices.enums import PracticeStage, PracticeState
from twinning.practices.models import Practice
from twinning.themes.models import Theme

pytestmark = pytest.mark.django_db
P = PracticeState


def _practice(state, registration_state=RegistrationState.ACCEPTED):
    registration = RegistrationFactory(state=registration_state)
    MembershipFactory(city=registration.city, user=UserFactory(email="coord@city.eu"))
    return PracticeFactory(registration=registration, state=state, published_at=None)


def test_publish_sets_the_date_logs_and_mails_the_city(organiser):
    practice = _practice(P.SUBMITTED)

    set_practice_state(practice, P.PUBLISHED, by=organiser)

    practice.refresh_from_db()
    assert practice.state == P.PUBLISHED
    assert practice.published_at is not None
    assert AuditEntry.objects.filter(action="practice.published", actor=organiser).count() == 1
    mail = OutgoingMail.objects.get()
    assert mail.to == ["coord@city.eu"]
    assert f"/practices/{practice.slug}/" in mail.body


def test_publish_needs_an_accepted_registration(organiser):
    practice = _practice(P.SUBMITTED, registration_state=RegistrationState.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        set_practice_state(practice, P.PUBLISHED, by=organiser)

    assert error.value.messages == [
        "Accept the city's registration before publishing its practices."
    ]
    assert Practice.objects.get().state == P.SUBMITTED


def test_return_needs_a_comment(organiser):
    practice = _practice(P.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        set_practice_state(practice, P.RETURNED, by=organiser)
    set_practice_state(practice, P.RETURNED, by=organiser, comment="Which units?")

    assert error.value.messages == ["Say what the city should change."]
    practice.refresh_from_db()
    assert (practice.state, practice.review_comment) == (P.RETURNED, "Which units?")
    assert "Which units?" in OutgoingMail.objects.get().body


@pytest.mark.parametrize(
    ("start", "new"),
    [
        (P.DRAFT, P.PUBLISHED),
        (P.DRAFT, P.RETURNED),
        (P.PUBLISHED, P.SUBMITTED),
        (P.RETURNED, P.PUBLISHED),
    ],
)
def test_refused_practice_transitions(start, new, organiser):
    practice = _practice(start)

    with pytest.raises(ValidationError) as error:
        set_practice_state(practice, new, by=organiser, comment="x")

    assert error.value.messages == [
        f"A practice that is {P(start).label.lower()} cannot become {P(new).label.lower()}."
    ]


def _data(title="Solar roofs on schools"):
    return {
        "title": title,
        "summary": "Panels on twelve school roofs.",
        "description": "We put **panels** on roofs.",
        "fields_of_action": [Theme.objects.get(code="energy-systems")],
        "levers": [Theme.objects.get(code="finance-funding")],
        "partner_project": None,
        "stage": PracticeStage.SCALED,
        "replication_needs": "",
        "links": "",
    }


def test_save_practice_twice_with_the_same_title_creates_one_practice():
    registration = RegistrationFactory(state=RegistrationState.DRAFT)
    results = [{"kind": "emissions", "value": 120, "unit": "t CO2e/year", "note": ""}]

    first = save_practice(registration, _data(), results=results, by=None)
    second = save_practice(registration, _data(), results=results, by=None)

    assert first.pk == second.pk
    assert Practice.objects.count() == 1
    assert first.slug == "solar-roofs-on-schools"
    assert [str(r) for r in first.results.all()] == ["Emissions avoided: 120.00 t CO2e/year"]
    assert [t.code for t in first.levers.all()] == ["finance-funding"]


def test_save_practice_gives_unique_slugs():
    other = RegistrationFactory(state=RegistrationState.DRAFT)
    save_practice(RegistrationFactory(state=RegistrationState.DRAFT), _data(), by=None)

    practice = save_practice(other, _data(), by=None)

    assert practice.slug == "solar-roofs-on-schools-2"


def test_save_practice_refuses_a_published_practice():
    practice = _practice(P.PUBLISHED)

    with pytest.raises(ValidationError):
        save_practice(practice.registration, _data(), practice=practice, by=None)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_attachments_are_checked_by_content(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    practice = _practice(P.DRAFT)
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n")
    png = SimpleUploadedFile("photo.png", _png())
    disguised = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all")

    add_attachment(practice, title="Plan", upload=pdf, by=None)
    add_attachment(practice, title="Photo", upload=png, by=None)
    with pytest.raises(ValidationError) as error:
        add_attachment(practice, title="Report", upload=disguised, by=None)

    assert [(a.title, a.content_type) for a in practice.attachments.all()] == [
        ("Plan", "application/pdf"),
        ("Photo", "image/png"),
    ]
    assert error.value.messages == [
        "Only PDF documents and images (PNG, JPEG, WebP, GIF) are accepted."
    ]


def test_attachments_are_size_limited(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    practice = _practice(P.DRAFT)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * MAX_ATTACHMENT_SIZE)

    with pytest.raises(ValidationError) as error:
        add_attachment(practice, title="Big", upload=big, by=None)

    assert error.value.messages == ["The file is 10.0\xa0MB; files up to 10.0\xa0MB are accepted."]


def test_a_broken_image_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    practice = _practice(P.DRAFT)
    broken = SimpleUploadedFile("x.png", _png()[:40])

    with pytest.raises(ValidationError) as error:
        add_attachment(practice, title="Broken", upload=broken, by=None)

    assert error.value.messages == ["This image cannot be read: it may be damaged."]


def test_markdown_is_rendered_safely():
    html = render_markdown(
        "**Bold** [site](https://example.org) <script>alert(1)</script> "
        "[x](javascript:alert(1)) ![img](https://example.org/a.png)"
    )

    assert html == (
        '<p><strong>Bold</strong> <a href="https://example.org" '
        'rel="nofollow noopener noreferrer">site</a>  '
        '<a rel="nofollow noopener noreferrer">x</a> </p>'
    )
