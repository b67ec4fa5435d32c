import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CityFactory,
    MembershipFactory,
    PartnerProjectFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.practices import (
    InvitationFactory,
    PracticeFactory,
    complete_registration,
    open_cohort,
)
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Invitation, Registration
from twinning.mail.models import OutgoingMail
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice

pytestmark = pytest.mark.django_db


def _cities(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/orga/registrations/\d+/">(.*?)</a></th>', html)


def test_review_queue_filters_by_kind_state_country_and_name(organiser_client):
    cohort = open_cohort()
    RegistrationFactory(
        cohort=cohort,
        city=CityFactory(name="Évora", name_en="Évora", country="PT"),
        state=RegistrationState.SUBMITTED,
    )
    RegistrationFactory(
        cohort=cohort,
        city=CityFactory(name="Torino", name_en="Torino", is_mission_city=True),
        kind=CityKind.MISSION,
        state=RegistrationState.DRAFT,
    )

    def cities(**params):
        return _cities(organiser_client.get("/orga/registrations/", params).content.decode())

    assert sorted(cities()) == ["Torino", "Évora"]
    assert cities(state="submitted") == ["Évora"]
    assert cities(kind="mission") == ["Torino"]
    assert cities(country="PT") == ["Évora"]
    assert cities(q="tor") == ["Torino"]


def test_review_queue_queries_do_not_grow_with_the_data(organiser_client):
    cohort = open_cohort()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert organiser_client.get("/orga/registrations/").status_code == 200
        return len(captured)

    for _ in range(2):
        PracticeFactory(registration=RegistrationFactory(cohort=cohort))
    few = queries()
    for _ in range(30):
        PracticeFactory(registration=RegistrationFactory(cohort=cohort))

    assert queries() == few


def test_review_pages_are_for_organisers_only(client):
    registration = RegistrationFactory(cohort=open_cohort())
    client.force_login(UserFactory(is_facilitator=True))

    assert client.get("/orga/registrations/").status_code == 403
    assert client.get(f"/orga/registrations/{registration.pk}/").status_code == 403
    assert client.get("/orga/invitations/").status_code == 403


def _submitted():
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    MembershipFactory(city=registration.city, user=UserFactory(email="coord@city.eu"))
    complete_registration(registration)
    from twinning.cities.domain.registration import set_registration_state

    return set_registration_state(registration, RegistrationState.SUBMITTED, by=None)


def test_detail_shows_everything_the_city_entered(organiser_client):
    registration = _submitted()
    practice = registration.practices.get()

    html = organiser_client.get(f"/orga/registrations/{registration.pk}/").content.decode()

    for text in [
        "A mid-sized city with a climate plan.",
        "A local authority",
        "Council decision of 2021 to be climate neutral by 2040.",
        "<dd>12</dd>",
        practice.title,
        practice.summary,
        "registration.submitted",
    ]:
        assert text in html, text


def test_detail_marks_a_practice_with_the_language_it_is_written_in(organiser_client):
    registration = _submitted()
    Practice.objects.filter(registration=registration).update(
        language="es",
        title="Barrio de energía positiva",
        summary="Un barrio que produce más energía de la que consume.",
    )

    html = organiser_client.get(f"/orga/registrations/{registration.pk}/").content.decode()

    assert re.search(
        r'<h3 id="practice-\d+"><span lang="es">Barrio de energía positiva</span> ', html
    )
    assert (
        '<p lang="es"><strong>Un barrio que produce más energía de la que consume.</strong></p>'
        in html
    )
    assert "<dt>Written in</dt><dd>Spanish</dd>" in html


def test_returning_without_a_comment_shows_the_error_and_changes_nothing(organiser_client):
    registration = _submitted()

    response = organiser_client.post(
        f"/orga/registrations/{registration.pk}/decide/", {"decision": "returned", "comment": ""}
    )

    assert response.status_code == 400
    assert re.findall(
        r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', response.content.decode()
    ) == ["Say what the city should change, or why it is rejected."]
    assert Registration.objects.get().state == RegistrationState.SUBMITTED


def test_accepting_then_publishing_the_practice(organiser_client):
    registration = _submitted()
    practice = registration.practices.get()
    sent = OutgoingMail.objects.count()

    organiser_client.post(
        f"/orga/registrations/{registration.pk}/decide/", {"decision": "accepted", "comment": ""}
    )
    response = organiser_client.post(
        f"/orga/practices/{practice.pk}/decide/", {f"p{practice.pk}-decision": "published"}
    )

    assert response["Location"] == f"/orga/registrations/{registration.pk}/"
    assert Registration.objects.get().state == RegistrationState.ACCEPTED
    assert Practice.objects.get().state == PracticeState.PUBLISHED
    assert [m.template for m in OutgoingMail.objects.order_by("id")[sent:]] == [
        "registration_state",
        "practice_state",
    ]


def test_publishing_before_accepting_says_why(organiser_client):
    registration = _submitted()
    practice = registration.practices.get()

    response = organiser_client.post(
        f"/orga/practices/{practice.pk}/decide/", {f"p{practice.pk}-decision": "published"}
    )

    assert response.status_code == 400
    assert "Accept the city&#x27;s registration before publishing its practices." in (
        response.content.decode()
    )


def test_invite_one_city(organiser_client):
    open_cohort()
    project = PartnerProjectFactory(acronym="POCITYF")

    response = organiser_client.post(
        "/orga/invitations/",
        {
            "one-email": "ana@cm-evora.pt",
            "one-city_name": "Évora",
            "one-country": "PT",
            "one-partner_project": project.pk,
        },
    )

    invitation = Invitation.objects.get()
    assert response["Location"] == "/orga/invitations/"
    assert (invitation.email, invitation.city.name, invitation.partner_project) == (
        "ana@cm-evora.pt",
        "Évora",
        project,
    )


def test_invite_one_city_refused_keeps_the_input(organiser_client):
    cohort = open_cohort()
    InvitationFactory(cohort=cohort, email="ana@cm-evora.pt")

    response = organiser_client.post(
        "/orga/invitations/",
        {"one-email": "ana@cm-evora.pt", "one-city_name": "Évora", "one-country": "PT"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "ana@cm-evora.pt already has an open invitation" in html
    assert 'value="Évora"' in html
    assert Invitation.objects.count() == 1


def test_csv_upload_reports_bad_lines(organiser_client):
    open_cohort()
    content = b"email,city,country\na@kladno.cz,Kladno,CZ\nnope,Maia,PT\n"

    response = organiser_client.post(
        "/orga/invitations/",
        {"csv-file": SimpleUploadedFile("cities.csv", content, content_type="text/csv")},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert re.findall(r"<li>Line (\d+): (.*?)</li>", html) == [
        ("3", "E-mail: Enter a valid email address.")
    ]
    assert list(Invitation.objects.values_list("email", flat=True)) == ["a@kladno.cz"]


def test_invitations_list_queries_do_not_grow_with_the_data(organiser_client):
    cohort = open_cohort()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert organiser_client.get("/orga/invitations/").status_code == 200
        return len(captured)

    for _ in range(2):
        InvitationFactory(cohort=cohort, partner_project=PartnerProjectFactory())
    few = queries()
    for _ in range(30):
        InvitationFactory(cohort=cohort, partner_project=PartnerProjectFactory())

    assert queries() == few


def test_review_queue_shows_registrations_with_practices_awaiting_a_decision(organiser_client):
    cohort = open_cohort()
    waiting = RegistrationFactory(cohort=cohort, city=CityFactory(name="Oulu", name_en="Oulu"))
    PracticeFactory(registration=waiting, state=PracticeState.SUBMITTED)
    done = RegistrationFactory(cohort=cohort, city=CityFactory(name="Maia", name_en="Maia"))
    PracticeFactory(registration=done, state=PracticeState.PUBLISHED)

    html = organiser_client.get("/orga/registrations/", {"practices": "submitted"}).content.decode()

    assert _cities(html) == ["Oulu"]
    assert '1 <span class="badge state-submitted">1 to review</span>' in html
