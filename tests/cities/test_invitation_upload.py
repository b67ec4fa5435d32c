"""Invitations by CSV on the organisers' page: every row is checked like the one-by-one form,
bad rows are reported by line with the reason, the good ones are kept; a file too large, too
long or not UTF-8 is refused whole, saying why."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import CohortFactory, MilestoneFactory, PartnerProjectFactory
from twinning.cities.domain.invitation_upload import read_invitation_csv
from twinning.cities.models import Invitation
from twinning.cohorts.enums import MilestoneKind
from twinning.mail.models import OutgoingMail

pytestmark = pytest.mark.django_db

HEADER = b"email,city,country,partner_project,expires\n"
GOOD_BEFORE = b"a@kladno.cz,Kladno,CZ,,\n"
GOOD_AFTER = b"b@maia.pt,Maia,PT,,\n"


@pytest.fixture
def cohort():
    cohort = CohortFactory(is_published=True)
    MilestoneFactory(cohort=cohort, kind=MilestoneKind.MISSION_MINDED_REGISTRATION)
    return cohort


def _post(client, content: bytes):
    return client.post(
        reverse("orga:invitations"),
        {"csv-file": SimpleUploadedFile("invitations.csv", content, content_type="text/csv")},
    )


def _emails():
    return sorted(Invitation.objects.values_list("email", flat=True))


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (b"c@evora.pt,\xc3\x89vora,PT,,2026-02-30",
         "Expiry: Give the expiry as a date that exists, YYYY-MM-DD."),
        (b"c@evora.pt,\xc3\x89vora,PT,,0001-01-01",
         "Expiry: Give a date from the year 2000 to the year 2100."),
        (b"c@evora.pt," + b"E" * 201 + b",PT,,",
         "City: Ensure this value has at most 200 characters (it has 201)."),
        (b"c@" + b"e" * 250 + b".pt,\xc3\x89vora,PT,,",
         "E-mail: Enter a valid email address. "
         "Ensure this value has at most 254 characters (it has 255)."),
        (b"c@evora.pt,\xc3\x89v\x00ora,PT,,", "City: Null characters are not allowed."),
        (b"c@evo\x00ra.pt,\xc3\x89vora,PT,,",
         "E-mail: Enter a valid email address. Null characters are not allowed."),
        (b"c@evora.pt,\xc3\x89vora,PT,P\x00OCITYF,",
         "Partner project: Null characters are not allowed."),
        (b"c@evora.pt,\xc3\x89vora,PT,," + b"2" * 300,
         "Expiry: Give the expiry as a date that exists, YYYY-MM-DD."),
    ],
)  # fmt: skip
def test_a_bad_row_is_reported_by_line_and_the_good_rows_are_kept(
    organiser_client, cohort, row, reason
):
    response = _post(organiser_client, HEADER + GOOD_BEFORE + row + b"\n" + GOOD_AFTER)

    assert response.status_code == 400
    assert response.context["report"].errors == [(3, reason)]
    assert _emails() == ["a@kladno.cz", "b@maia.pt"]
    assert OutgoingMail.objects.count() == 2


@pytest.mark.parametrize(
    ("rows", "message"),
    [(GOOD_BEFORE, "1 invitation sent."), (GOOD_BEFORE + GOOD_AFTER, "2 invitations sent.")],
)
def test_the_page_counts_the_invitations_sent_in_the_right_number(
    organiser_client, cohort, rows, message
):
    response = organiser_client.post(
        reverse("orga:invitations"),
        {"csv-file": SimpleUploadedFile("invitations.csv", HEADER + rows, content_type="text/csv")},
        follow=True,
    )

    assert f'<p class="message message-success">{message}</p>' in response.content.decode()


def test_rows_refused_by_the_form_and_by_the_domain_are_reported_in_line_order(
    organiser_client, cohort
):
    PartnerProjectFactory(acronym="SPARCS")
    content = (
        HEADER
        + b"c@nowhere.us,Boston,US,,\n"
        + GOOD_BEFORE
        + b"broken,Maia,PT,,\n"
        + b"d@maia.pt,Maia,PT,SPARCS,2099-01-31\n"
    )

    response = _post(organiser_client, content)

    assert response.context["report"].errors == [
        (2, "“US” is not an EU country or a country associated to Horizon Europe."),
        (4, "E-mail: Enter a valid email address."),
    ]
    assert _emails() == ["a@kladno.cz", "d@maia.pt"]
    assert Invitation.objects.get(email="d@maia.pt").partner_project.acronym == "SPARCS"


def test_a_file_that_is_not_utf8_is_refused_with_a_message(organiser_client, cohort):
    response = _post(organiser_client, HEADER + "a@kladno.cz,Plzeň,CZ,,\n".encode("cp1250"))

    assert response.status_code == 400
    assert response.context["upload"].errors["file"] == [
        "The file is not UTF-8 text: save it as CSV UTF-8."
    ]
    assert Invitation.objects.count() == 0


def test_a_file_over_one_megabyte_is_refused_whole(organiser_client, cohort):
    content = HEADER + GOOD_BEFORE + b"#" * (1024 * 1024) + b"\n"

    response = _post(organiser_client, content)

    assert response.status_code == 400
    assert response.context["upload"].errors["file"] == ["The file is larger than 1 MB: split it."]
    assert Invitation.objects.count() == 0


def test_a_file_over_two_thousand_rows_is_refused_whole(organiser_client, cohort):
    rows = b"".join(b"p%d@kladno.cz,Kladno,CZ,,\n" % n for n in range(2001))

    response = _post(organiser_client, HEADER + rows)

    assert response.status_code == 400
    assert response.context["upload"].errors["file"] == [
        "The file has more than 2,000 invitations: split it."
    ]
    assert Invitation.objects.count() == 0


def test_two_thousand_rows_are_read():
    rows = b"".join(b"p%d@kladno.cz,Kladno,CZ,,\n" % n for n in range(2000))

    read = read_invitation_csv(HEADER + b"\n" + rows)

    assert (len(read), read[0]) == (
        2000,
        (3, {"email": "p0@kladno.cz", "city": "Kladno", "country": "CZ",
             "partner_project": "", "expires": ""}),
    )  # fmt: skip


def test_the_page_states_the_limits(organiser_client, cohort):
    response = organiser_client.get(reverse("orga:invitations"))

    assert response.context["upload"]["file"].help_text.endswith(
        "Up to 2,000 invitations and 1 MB a file."
    )


def test_a_missing_header_is_refused_whole(organiser_client, cohort):
    response = _post(organiser_client, b"a@kladno.cz,Kladno,CZ\n")

    assert response.context["upload"].errors["file"] == [
        "The first line must name the columns; missing: email, city, country."
    ]
    assert Invitation.objects.count() == 0
