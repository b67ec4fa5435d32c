import datetime as dt
import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import PartnerProjectFactory, UserFactory, WebinarFactory
from twinning.outreach.domain.webinars import (
    confirm_webinar_registration,
    register_for_webinar,
)
from twinning.outreach.models import ContactMessage, InterestExpression, WebinarRegistration
from twinning.themes.models import Theme

pytestmark = pytest.mark.django_db

SEAT = {
    "name": "Ana Novak",
    "email": "ana@example.org",
    "organisation": "Mestna občina Kranj",
    "city": "Kranj",
    "country": "SI",
    "role": "civil_servant",
    "consent": "on",
}


def _seated(webinar, **extra):
    registration = register_for_webinar(webinar, **{**SEAT, "consent": True, **extra})
    return confirm_webinar_registration(registration)


def test_webinar_registration_page_asks_to_confirm_by_e_mail(client):
    webinar = WebinarFactory(capacity=10)

    response = client.post(reverse("public:webinar_register", args=[webinar.pk]), SEAT)
    page = client.get(response["Location"])

    registration = WebinarRegistration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("public:webinar_register_sent", args=[webinar.pk])
    assert (registration.name, registration.status) == ("Ana Novak", "pending")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Please confirm your registration with the link we have sent by e-mail" in html
    # Only the mailbox's owner may confirm: the page never shows the link.
    assert registration.token not in html


def test_confirmation_link_asks_before_it_confirms(client):
    registration = register_for_webinar(WebinarFactory(), **{**SEAT, "consent": True})
    url = reverse("public:webinar_confirm", args=[registration.token])

    page = client.get(url)
    registration.refresh_from_db()

    assert page.status_code == 200
    assert "Confirm my registration" in page.content.decode()
    assert registration.status == "pending"


def test_confirmation_link_confirms_with_a_post(client):
    registration = register_for_webinar(WebinarFactory(capacity=3), **{**SEAT, "consent": True})

    response = client.post(reverse("public:webinar_confirm", args=[registration.token]))
    page = client.get(response["Location"])

    registration.refresh_from_db()
    assert response["Location"] == reverse("public:webinar_registered", args=[registration.token])
    assert registration.status == "confirmed"
    assert "Your seat is confirmed." in page.content.decode()


def test_confirmation_link_after_the_deadline_says_so(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    registration = register_for_webinar(WebinarFactory(), **{**SEAT, "consent": True})
    time_machine.shift(dt.timedelta(hours=49))

    response = client.post(reverse("public:webinar_confirm", args=[registration.token]))

    registration.refresh_from_db()
    assert response.status_code == 409
    assert "This link has expired. Please register again." in response.content.decode()
    assert registration.status == "pending"


def test_confirmation_link_of_an_unknown_token_is_not_found(client):
    assert client.get(reverse("public:webinar_confirm", args=["nothing"])).status_code == 404


def test_webinar_registration_without_consent_keeps_what_was_typed(client):
    webinar = WebinarFactory()

    response = client.post(
        reverse("public:webinar_register", args=[webinar.pk]), {**SEAT, "consent": ""}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please accept the privacy notice: we need it to store your answer." in html
    assert 'value="Mestna občina Kranj"' in html
    assert WebinarRegistration.objects.count() == 0


def test_webinar_registration_twice_says_so_next_to_the_form(client):
    webinar = WebinarFactory()
    _seated(webinar)

    response = client.post(reverse("public:webinar_register", args=[webinar.pk]), SEAT)

    assert response.status_code == 400
    assert "already registered for this webinar" in response.content.decode()
    assert WebinarRegistration.objects.count() == 1


def test_webinar_calendar_download_has_no_meeting_link(client):
    webinar = WebinarFactory(meeting_url="https://meet.example.org/secret")

    response = client.get(reverse("public:webinar_ics", args=[webinar.pk]))

    assert response["Content-Type"] == "text/calendar"
    assert b"BEGIN:VEVENT" in response.content
    assert b"meet.example.org" not in response.content


def test_programme_page_does_not_show_the_meeting_link(client):
    WebinarFactory(meeting_url="https://meet.example.org/secret")

    assert "meet.example.org" not in client.get("/").content.decode()


def test_cancel_page_cancels_with_a_post(client):
    registration = _seated(WebinarFactory())
    url = reverse("public:webinar_cancel", args=[registration.token])

    client.get(url)
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_interest_survey_is_stored_and_confirmed(client, django_capture_on_commit_callbacks):
    project = PartnerProjectFactory(acronym="POCITYF")
    themes = list(Theme.objects.filter(code__in=["finance-funding", "energy-systems"]))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("public:interest"),
            {
                "city_name": "Évora",
                "country": "PT",
                "kind": "mission_minded",
                "partner_project": project.pk,
                "contact_name": "Miguel Silva",
                "email": "miguel@example.org",
                "themes": [t.pk for t in themes],
                "message": "Positive energy districts",
                "consent": "on",
            },
        )

    answer = InterestExpression.objects.get()
    assert response.status_code == 200
    assert (answer.city_name, answer.partner_project) == ("Évora", project)
    assert sorted(t.code for t in answer.themes.all()) == ["energy-systems", "finance-funding"]
    assert [m.to for m in mail.outbox] == [["miguel@example.org"]]


def test_contact_form_mails_the_team_and_confirms_to_the_sender(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PROGRAMME_CONTACT_EMAIL = "team@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("public:contact"),
            {"name": "Ana", "email": "ana@example.org", "subject": "Visits", "message": "Hello"},
        )

    assert ContactMessage.objects.get().subject == "Visits"
    assert [(m.to, m.reply_to) for m in mail.outbox] == [
        (["team@example.org"], ["ana@example.org"]),
        (["ana@example.org"], []),
    ]


def test_contact_form_honeypot_stores_nothing(client):
    response = client.post(
        reverse("public:contact"),
        {
            "name": "Bot",
            "email": "bot@example.org",
            "subject": "Offer",
            "message": "Buy",
            "website": "http://spam.example",
        },
    )

    assert response.status_code == 200
    assert ContactMessage.objects.count() == 0


def test_orga_pages_refuse_city_representatives(client):
    client.force_login(UserFactory())

    statuses = [
        client.get(reverse(name)).status_code
        for name in ("orga:webinars", "orga:interest", "orga:inbox", "orga:outbox")
    ]

    assert statuses == [403, 403, 403, 403]


def test_orga_webinar_attendance_and_exports(organiser_client):
    webinar = WebinarFactory(capacity=5)
    ana = _seated(webinar)
    _seated(webinar, email="ben@example.org", name="Ben")
    register_for_webinar(
        webinar, **{**SEAT, "email": "cleo@example.org", "name": "Cleo", "consent": True}
    )

    organiser_client.post(
        reverse("orga:webinar_detail", args=[webinar.pk]), {"attended": [str(ana.pk)]}
    )
    csv_response = organiser_client.get(reverse("orga:webinar_export", args=[webinar.pk, "csv"]))
    xlsx_response = organiser_client.get(reverse("orga:webinar_export", args=[webinar.pk, "xlsx"]))

    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Name,E-mail,Organisation,City,Country,Role,Status,Registered,Attended"
    assert [line.split(",")[0::8] for line in lines[1:]] == [["Ana Novak", "yes"], ["Ben", "no"]]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["Name", "Ana Novak", "Ben"]


def test_orga_webinar_page_shows_registrations_awaiting_confirmation_apart(organiser_client):
    webinar = WebinarFactory(capacity=5)
    _seated(webinar)
    pending = register_for_webinar(
        webinar, **{**SEAT, "email": "cleo@example.org", "name": "Cleo", "consent": True}
    )

    response = organiser_client.get(reverse("orga:webinar_detail", args=[webinar.pk]))

    html = response.content.decode()
    assert [r.name for r in response.context["registrations"]] == ["Ana Novak"]
    assert [r.name for r in response.context["awaiting"]] == ["Cleo"]
    assert "1 confirmed, 0 waiting, 1 awaiting confirmation" in html
    assert f'value="{pending.pk}"' not in html


def test_orga_interest_list_filters_by_kind(organiser_client):
    for city, kind in [("Évora", "mission_minded"), ("Torino", "mission")]:
        InterestExpression.objects.create(
            city_name=city, country="PT", kind=kind, contact_name="X", email="x@example.org"
        )

    response = organiser_client.get(reverse("orga:interest"), {"kind": "mission"})

    assert [a.city_name for a in response.context["page"]] == ["Torino"]


def test_orga_inbox_marks_a_message_handled(organiser_client, organiser):
    contact = ContactMessage.objects.create(
        name="Ana", email="ana@example.org", subject="Hi", message="Hello", sender_key="k"
    )

    organiser_client.post(reverse("orga:inbox_mark", args=[contact.pk]), {"handled": "1"})

    contact.refresh_from_db()
    assert contact.handled_by == organiser
    assert list(organiser_client.get(reverse("orga:inbox")).context["page"]) == []


def test_orga_lists_queries_do_not_grow_with_the_data(
    organiser_client, django_assert_max_num_queries
):
    def fill(count):
        for n in range(count):
            webinar = WebinarFactory(starts_at=timezone.now() + dt.timedelta(days=n + 1))
            _seated(webinar, email=f"p{n}@example.org")
            register_for_webinar(webinar, **{**SEAT, "email": f"q{n}@example.org", "consent": True})
            answer = InterestExpression.objects.create(
                city_name=f"City {n}",
                country="IT",
                kind="mission",
                contact_name="X",
                email="x@example.org",
            )
            answer.themes.set(Theme.objects.all()[:2])
            ContactMessage.objects.create(
                name="A", email="a@example.org", subject=f"S{n}", message="M", sender_key="k"
            )

    counts = []
    for size in (2, 12):
        fill(size)
        sizes = []
        for name in ("orga:webinars", "orga:interest", "orga:inbox", "orga:outbox"):
            with django_assert_max_num_queries(30) as captured:
                organiser_client.get(reverse(name))
            sizes.append(len(captured.captured_queries))
        counts.append(sizes)

    assert counts[0] == counts[1]


def test_orga_turns_an_answer_into_an_invitation_in_one_step(
    organiser_client, django_capture_on_commit_callbacks
):
    from tests.factories import CohortFactory

    CohortFactory()
    answer = InterestExpression.objects.create(
        city_name="Évora",
        country="PT",
        kind="mission_minded",
        contact_name="Miguel Silva",
        email="miguel@example.org",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            reverse("orga:interest_invite", args=[answer.pk]),
            {"return_query": "kind=mission_minded"},
        )

    answer.refresh_from_db()
    assert response["Location"] == f"{reverse('orga:interest')}?kind=mission_minded"
    assert answer.invited_at is not None
    assert [m.to for m in mail.outbox] == [["miguel@example.org"]]


def test_orga_invitation_of_a_mission_city_is_refused_with_a_message(organiser_client):
    from tests.factories import CohortFactory, MissionCityFactory

    CohortFactory()
    MissionCityFactory(name="Torino", name_en="Turin", country="IT", geonames_id=3165524)
    answer = InterestExpression.objects.create(
        city_name="Torino",
        country="IT",
        kind="mission_minded",
        contact_name="M",
        email="m@example.org",
    )

    response = organiser_client.post(reverse("orga:interest_invite", args=[answer.pk]), follow=True)

    answer.refresh_from_db()
    assert answer.invited_at is None
    assert [str(m) for m in response.context["messages"]] == [
        "Torino (Turin) is a Mission city: Mission cities register in their own window."
    ]


def test_a_webinar_that_took_place_shows_what_happened_instead_of_a_form(client):
    start = timezone.now() - dt.timedelta(days=30)
    webinar = WebinarFactory(starts_at=start, ends_at=start + dt.timedelta(hours=1))
    url = reverse("public:webinar_register", args=[webinar.pk])

    page = client.get(url)
    late = client.post(url, SEAT)

    assert page.status_code == 200
    assert "This webinar has taken place; registration is closed." in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[1]
    assert late.status_code == 409
    assert not WebinarRegistration.objects.filter(webinar=webinar).exists()
