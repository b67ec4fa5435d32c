"""Uploads are checked by their content: an image with more pixels than the limit (a
decompression bomb: a small file that unpacks into gigabytes) is refused with a message on
every page that takes files, and never reaches Pillow's own errors."""

import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.factories.practices import PracticeFactory
from tests.factories.year import WorkshopFactory, visit_to, year_twinning
from twinning.common.files import MAX_IMAGE_PIXELS, check_upload
from twinning.practices.enums import PracticeState
from twinning.visits.enums import VisitState
from twinning.visits.models import ExpenseClaim

pytestmark = pytest.mark.django_db

TOO_MANY_PIXELS = "This image has too many pixels: images up to 50 megapixels are accepted."


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int) -> bytes:
    """A real black-and-white PNG of `width` x `height`, compressed row by row, so that a
    30000 x 30000 image is about a hundred kilobytes and never held whole in memory."""
    packer = zlib.compressobj(9)
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte, then one bit a pixel
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return png(30000, 30000)


def _upload(content: bytes, name="plan.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_the_bomb_is_small_and_a_readable_png(bomb):
    assert len(bomb) < 200 * 1024
    assert check_upload(_upload(png(20, 10))) == "image/png"


@pytest.mark.parametrize(
    ("width", "height"),
    [(30000, 30000), (10000, 5001), (9000, 9000)],
)
def test_images_over_the_pixel_limit_are_refused(width, height):
    with pytest.raises(ValidationError) as error:
        check_upload(_upload(png(width, height)))

    assert error.value.messages == [TOO_MANY_PIXELS]


def test_an_image_at_the_pixel_limit_passes():
    assert MAX_IMAGE_PIXELS == 50_000_000
    assert check_upload(_upload(png(10000, 5000))) == "image/png"


def test_a_bomb_as_a_practice_attachment_is_refused_on_the_page(client, bomb):
    practice = PracticeFactory(state=PracticeState.DRAFT, published_at=None)
    user = UserFactory()
    MembershipFactory(user=user, city=practice.registration.city)
    client.force_login(user)

    response = client.post(
        reverse("portal:attachment_add", args=[practice.pk]),
        {"title": "Site plan", "file": _upload(bomb)},
    )

    form = response.context["attachment_form"]
    assert response.status_code == 400
    assert form.errors["file"] == [TOO_MANY_PIXELS]
    assert form["title"].value() == "Site plan"
    assert practice.attachments.count() == 0


def test_a_bomb_as_a_receipt_is_refused_on_the_page(client, bomb):
    twinning, _marta, miguel = year_twinning()
    members = {m.role: m.city for m in twinning.members.all()}
    visit = visit_to(
        twinning, members["mission"], [(miguel, members["mission_minded"])],
        state=VisitState.APPROVED,
    )  # fmt: skip
    client.force_login(miguel)

    response = client.post(
        reverse("portal:claim_new", args=[twinning.pk, visit.pk]),
        {"category": "travel", "description": "Train Évora – Torino", "amount": "180.50",
         "currency": "EUR", "receipt": _upload(bomb, "receipt.png")},
    )  # fmt: skip

    form = response.context["claim_form"]
    assert response.status_code == 400
    assert form.errors["receipt"] == [TOO_MANY_PIXELS]
    assert form["description"].value() == "Train Évora – Torino"
    assert ExpenseClaim.objects.count() == 0


def test_a_bomb_as_a_workshop_material_is_refused_on_the_page(organiser_client, bomb):
    twinning, _marta, _miguel = year_twinning()
    workshop = WorkshopFactory(cohort=twinning.cohort, twinning=twinning)

    response = organiser_client.post(
        reverse("orga:year_workshop", args=[workshop.pk]),
        {"title": "Handout", "url": "", "file": _upload(bomb, "handout.png")},
    )

    form = response.context["material_form"]
    assert response.status_code == 400
    assert form.errors["file"] == [TOO_MANY_PIXELS]
    assert form["title"].value() == "Handout"
    assert workshop.materials.count() == 0
