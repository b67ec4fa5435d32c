import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.factories import (
    CityFactory,
    CohortFactory,
    MembershipFactory,
    MilestoneFactory,
    MissionCityFactory,
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
from twinning.cities.domain.geonames import get_city
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import City, Registration
from twinning.cohorts.enums import MilestoneKind
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice

pytestmark = pytest.mark.django_db


def _errors(html: str) -> list[str]:
    return [m.strip() for m in re.findall(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', html)]


@pytest.fixture
def member_client(client):
    def make(registration, role="coordinator"):
        user = UserFactory()
        MembershipFactory(user=user, city=registration.city, role=role)
        client.force_login(user)
        return client

    return make


def test_invitation_page_asks_a_visitor_to_sign_up_or_in(client):
    invitation = InvitationFactory(cohort=open_cohort(), city=CityFactory(name="Évora"))

    response = client.get(f"/portal/invitations/{invitation.token}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/accounts/signup/?next=/portal/invitations/{invitation.token}/"' in html
    assert f'href="/accounts/login/?next=/portal/invitations/{invitation.token}/"' in html


def test_accepting_an_invitation_leads_to_the_draft(client):
    invitation = InvitationFactory(cohort=open_cohort())
    client.force_login(UserFactory())

    response = client.post(f"/portal/invitations/{invitation.token}/")
    again = client.post(f"/portal/invitations/{invitation.token}/")

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/portal/registrations/{registration.pk}/"
    assert again["Location"] == f"/portal/registrations/{registration.pk}/"


def test_a_used_invitation_says_so_to_someone_else(client):
    invitation = InvitationFactory(cohort=open_cohort())
    client.force_login(UserFactory())
    client.post(f"/portal/invitations/{invitation.token}/")
    client.force_login(UserFactory())

    response = client.post(f"/portal/invitations/{invitation.token}/")

    assert response.status_code == 409
    assert (
        "This invitation has already been used. Ask the person who used it to add you."
        in response.content.decode()
    )


def test_invitation_outside_the_window_says_when_it_opens(client):
    cohort = open_cohort(MilestoneKind.MISSION_REGISTRATION)
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_MINDED_REGISTRATION,
        starts_at=timezone.now() + dt.timedelta(days=2),
    )
    invitation = InvitationFactory(cohort=cohort)
    client.force_login(UserFactory())

    response = client.get(f"/portal/invitations/{invitation.token}/")

    assert response.status_code == 409
    assert "Registration of Mission-minded cities opens on " in response.content.decode()


def test_unknown_invitation_is_a_clear_404(client):
    response = client.get("/portal/invitations/nope/")

    assert response.status_code == 404
    assert "This invitation link is not valid." in response.content.decode()


def test_without_invitation_the_page_explains_how_to_ask(client):
    open_cohort(registration_without_invitation=False)
    client.force_login(UserFactory())

    response = client.get("/portal/register/mission-minded/")

    assert response.status_code == 200
    assert "How to ask for an invitation" in response.content.decode()


def test_without_invitation_a_city_registers_by_naming_a_partner_project(client):
    open_cohort(registration_without_invitation=True)
    project = PartnerProjectFactory(acronym="POCITYF")
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/portal/register/mission-minded/",
        {"city_name": "Evora", "country": "PT", "partner_project": project.pk},
    )

    registration = Registration.objects.get()
    assert response["Location"] == f"/portal/registrations/{registration.pk}/"
    assert (registration.city.name, registration.city.geonames_id) == ("Evora", 2268406)
    assert list(registration.partner_projects.all()) == [project]


def test_without_invitation_bad_input_keeps_what_was_typed(client):
    open_cohort(registration_without_invitation=True)
    client.force_login(UserFactory())

    response = client.post(
        "/portal/register/mission-minded/", {"city_name": "Évora", "country": ""}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Évora"' in html
    assert _errors(html) == ["This field is required.", "This field is required."]
    assert Registration.objects.count() == 0


def test_mission_city_registers_in_its_window(client):
    open_cohort(MilestoneKind.MISSION_REGISTRATION)
    city = MissionCityFactory(name="Torino")
    client.force_login(UserFactory())

    response = client.post("/portal/register/mission/", {"city": city.pk})

    registration = Registration.objects.get()
    assert (registration.city, registration.kind) == (city, CityKind.MISSION)
    assert response["Location"] == f"/portal/registrations/{registration.pk}/"


def test_mission_city_is_refused_outside_its_window(client):
    cohort = open_cohort(MilestoneKind.MISSION_MINDED_REGISTRATION)
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=timezone.now() - dt.timedelta(days=40),
        ends_at=timezone.now() - dt.timedelta(days=10),
    )
    client.force_login(UserFactory())

    response = client.get("/portal/register/mission/")

    assert response.status_code == 409
    assert "Registration of Mission cities closed on " in response.content.decode()


def test_steps_save_the_draft_and_continue(client, member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    client = member_client(registration)

    response = client.post(
        f"/portal/registrations/{registration.pk}/eligibility/",
        {
            "authority_type": "local_authority",
            "climate_commitment": "Climate neutral by 2040.",
            "hours_per_month": "10",
            "representatives_committed": "2",
            "continue": "1",
        },
    )

    registration.refresh_from_db()
    assert response["Location"] == f"/portal/registrations/{registration.pk}/profile/"
    assert (registration.authority_type, registration.hours_per_month) == ("local_authority", 10)


def test_a_step_with_errors_shows_them_next_to_the_fields_and_keeps_the_input(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    client = member_client(registration)

    response = client.post(
        f"/portal/registrations/{registration.pk}/eligibility/",
        {
            "authority_type": "other",
            "climate_commitment": "Our plan of 2022",
            "hours_per_month": "0",
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert _errors(html) == [
        "Only a local authority or a public body tied to one may register the city.",
        "At least one hour a month.",
        "This field is required.",
    ]
    assert "Our plan of 2022</textarea>" in html
    assert Registration.objects.get().authority_type == ""


def test_the_city_step_reuses_a_known_city(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    evora = CityFactory(name="Évora", country="PT", geonames_id=2268406)
    client = member_client(registration)

    client.post(
        f"/portal/registrations/{registration.pk}/city/", {"city_name": "Evora", "country": "PT"}
    )

    registration.refresh_from_db()
    assert registration.city == evora
    assert City.objects.filter(geonames_id=2268406).count() == 1


def test_someone_else_cannot_see_or_edit_a_registration(client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    client.force_login(UserFactory())

    assert client.get(f"/portal/registrations/{registration.pk}/").status_code == 403
    assert client.post(f"/portal/registrations/{registration.pk}/submit/").status_code == 403


def test_submit_from_the_overview_and_a_double_submit_changes_nothing(member_client):
    registration = complete_registration(
        RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    )
    client = member_client(registration)

    client.post(f"/portal/registrations/{registration.pk}/submit/")
    response = client.post(f"/portal/registrations/{registration.pk}/submit/", follow=True)

    html = response.content.decode()
    assert Registration.objects.get().state == RegistrationState.SUBMITTED
    assert "This registration is submitted: it can no longer be changed." not in html
    assert re.findall(r'<p class="message message-(\w+)">(.*?)</p>', html) == [
        ("success", "Submitted. The programme team will review it."),
        ("error", "A registration that is submitted cannot become submitted."),
    ]


def test_overview_lists_what_is_missing(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    client = member_client(registration)

    html = client.get(f"/portal/registrations/{registration.pk}/").content.decode()

    gaps = re.search(r'<ul class="gaps">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", gaps)[0] == "Describe the city in its profile."
    assert "Submit the registration" not in html


def test_coordinator_withdraws(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.SUBMITTED)
    client = member_client(registration)

    client.post(f"/portal/registrations/{registration.pk}/withdraw/")

    assert Registration.objects.get().state == RegistrationState.WITHDRAWN


def test_a_member_who_is_not_coordinator_cannot_withdraw(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.SUBMITTED)
    client = member_client(registration, role="member")

    response = client.post(f"/portal/registrations/{registration.pk}/withdraw/")

    assert response.status_code == 403
    assert Registration.objects.get().state == RegistrationState.SUBMITTED


def _practice_post(**extra):
    return {
        "title": "Positive energy district",
        "summary": "A district that produces more energy than it uses.",
        "description": "We **did** it.",
        "fields_of_action": ["1"],
        "stage": "piloted",
        "links": "https://pocityf.eu",
        "results-TOTAL_FORMS": "3",
        "results-INITIAL_FORMS": "0",
        "results-0-kind": "emissions",
        "results-0-value": "150",
        "results-0-unit": "",
        **extra,
    }


def test_adding_a_practice_twice_creates_it_once(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    client = member_client(registration)
    url = f"/portal/registrations/{registration.pk}/practices/new/"
    from twinning.themes.models import Theme

    data = _practice_post(fields_of_action=[Theme.objects.get(code="energy-systems").pk])

    first = client.post(url, data)
    second = client.post(url, data)

    practice = Practice.objects.get()
    assert first["Location"] == second["Location"] == f"/portal/practices/{practice.pk}/"
    assert [str(r) for r in practice.results.all()] == ["Emissions avoided: 150.00 t CO2e/year"]


def test_a_practice_with_errors_keeps_the_input(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    client = member_client(registration)

    response = client.post(
        f"/portal/registrations/{registration.pk}/practices/new/",
        _practice_post(fields_of_action=[], links="not a link", **{"results-0-value": ""}),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert _errors(html) == [
        "This field is required.",
        "“not a link” is not a web address (https://…).",
        "Give the value.",
    ]
    assert 'value="Positive energy district"' in html
    assert Practice.objects.count() == 0


def test_a_practice_is_saved_with_the_language_it_is_written_in(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    client = member_client(registration)
    from twinning.themes.models import Theme

    fields = [Theme.objects.get(code="energy-systems").pk]
    client.post(
        f"/portal/registrations/{registration.pk}/practices/new/",
        _practice_post(language="pl", title="Dzielnica plus energetyczna", fields_of_action=fields),
    )

    practice = Practice.objects.get()
    page = client.get(f"/portal/practices/{practice.pk}/").content.decode()
    assert practice.language == "pl"
    assert '<option value="pl" selected>Polish</option>' in page
    assert '<h1 lang="pl">Dzielnica plus energetyczna</h1>' in page
    assert re.search(r'<input type="text" name="title"[^>]* lang="pl"', page)


def test_a_practice_in_a_language_not_offered_is_refused_and_keeps_the_input(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    client = member_client(registration)

    response = client.post(
        f"/portal/registrations/{registration.pk}/practices/new/",
        _practice_post(language="xx"),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert _errors(html)[0] == "Select a valid choice. xx is not one of the available choices."
    assert 'value="Positive energy district"' in html
    assert Practice.objects.count() == 0


def test_the_language_list_offers_every_eu_language_by_name(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    client = member_client(registration)

    html = client.get(f"/portal/registrations/{registration.pk}/practices/new/").content.decode()

    select = re.search(r'<select name="language".*?</select>', html, re.S)[0]
    names = re.findall(r'<option value="[a-z]*"[^>]*>([^<]+)</option>', select)
    assert names[:4] == ["Albanian", "Arabic", "Armenian", "Basque"]
    assert names[-1] == "Another language"
    assert len(names) == 43
    assert '<option value="en" selected>English</option>' in select
    assert '<option value="mt">Maltese</option>' in select


def test_a_submitted_practice_cannot_be_edited(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.SUBMITTED)
    practice = PracticeFactory(registration=registration, state=PracticeState.SUBMITTED)
    client = member_client(registration)

    response = client.get(f"/portal/practices/{practice.pk}/")

    assert response.status_code == 403
    assert "cannot be changed now" in response.content.decode()


def test_uploading_a_file_that_is_not_a_pdf_shows_the_error(member_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    practice = PracticeFactory(registration=registration, state=PracticeState.DRAFT)
    client = member_client(registration)

    response = client.post(
        f"/portal/practices/{practice.pk}/files/",
        {"title": "Plan", "file": SimpleUploadedFile("plan.pdf", b"<html>not a pdf</html>")},
    )

    assert response.status_code == 400
    assert _errors(response.content.decode()) == [
        "Only PDF documents and images (PNG, JPEG, WebP, GIF) are accepted."
    ]
    assert practice.attachments.count() == 0


def test_city_search_returns_geonames_cities(client):
    client.force_login(UserFactory())

    response = client.get("/portal/cities/search.json", {"q": "evor", "country": "PT"})

    assert response.json() == {
        "results": [
            {
                "geonames_id": 2268406,
                "name": "Évora",
                "country": "PT",
                "population": get_city(2268406).population,
            }
        ]
    }


def test_an_accepted_city_adds_a_practice_and_sends_it_for_review(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.ACCEPTED)
    client = member_client(registration)
    from twinning.themes.models import Theme

    client.post(
        f"/portal/registrations/{registration.pk}/practices/new/",
        _practice_post(fields_of_action=[Theme.objects.get(code="energy-systems").pk]),
    )
    practice = Practice.objects.get()
    response = client.post(f"/portal/practices/{practice.pk}/submit/")

    assert response["Location"] == f"/portal/registrations/{registration.pk}/"
    assert Practice.objects.get().state == PracticeState.SUBMITTED


def test_a_draft_practice_is_sent_with_the_registration_not_alone(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    practice = PracticeFactory(registration=registration, state=PracticeState.DRAFT)
    client = member_client(registration)

    response = client.post(f"/portal/practices/{practice.pk}/submit/", follow=True)

    assert re.findall(r'<p class="message message-error">(.*?)</p>', response.content.decode()) == [
        "Practices are sent for review with the registration."
    ]
    assert Practice.objects.get().state == PracticeState.DRAFT


def _utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def _closed_mission_window(time_machine):
    """A cohort whose Mission city registration closed on 31 March 2026; today is 10 April."""
    time_machine.move_to(_utc(2026, 4, 10, 12), tick=False)
    cohort = CohortFactory(registration_without_invitation=False)
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=_utc(2026, 2, 2, 8),
        ends_at=_utc(2026, 3, 31, 15),
    )
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_MINDED_REGISTRATION,
        starts_at=_utc(2026, 5, 4, 7),
        ends_at=_utc(2026, 6, 30, 15),
    )
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MATCHMAKING,
        starts_at=_utc(2026, 7, 1, 7),
        ends_at=_utc(2026, 7, 31, 15),
    )
    return cohort


def test_register_page_says_when_each_kind_registers_and_offers_no_dead_end(client, time_machine):
    _closed_mission_window(time_machine)

    html = client.get("/portal/register/").content.decode()

    assert re.findall(r'<p class="refusal">(.*?)</p>', html) == [
        "Registration of Mission-minded cities opens on 4 May 2026, 09:00 CEST.",
        "Registration of Mission cities closed on 31 March 2026, 17:00 CEST. The next cohort "
        "will be announced on the programme&#x27;s public page.",
    ]
    assert "/portal/register/mission/" not in html
    assert "/portal/register/mission-minded/" not in html


def test_register_page_says_mission_minded_cities_register_by_invitation(client, time_machine):
    cohort = _closed_mission_window(time_machine)
    time_machine.move_to(_utc(2026, 5, 10, 12), tick=False)

    html = client.get("/portal/register/").content.decode()

    assert "/portal/register/mission-minded/" not in html
    assert "Registration is by invitation: the programme team e-mails" in html
    cohort.registration_without_invitation = True
    cohort.save()
    html = client.get("/portal/register/").content.decode()
    assert (
        '<a class="button" href="/portal/register/mission-minded/">'
        "Register a Mission-minded city</a>" in html
    )


def test_registering_a_mission_city_after_the_window_is_still_refused(client, time_machine):
    _closed_mission_window(time_machine)
    client.force_login(UserFactory())

    response = client.post("/portal/register/mission/", {"city": MissionCityFactory().pk})

    assert response.status_code == 409
    assert "Registration of Mission cities closed on 31 March 2026, 17:00 CEST." in (
        response.content.decode()
    )
    assert Registration.objects.count() == 0


def _step_links(html: str) -> list[str]:
    return re.findall(r'href="/portal/registrations/\d+/([\w-]+)/"', html)


def test_an_accepted_registration_is_shown_read_only_with_what_comes_next(
    member_client, time_machine
):
    cohort = _closed_mission_window(time_machine)
    registration = RegistrationFactory(
        cohort=cohort,
        kind=CityKind.MISSION,
        city=MissionCityFactory(name="Torino"),
        state=RegistrationState.ACCEPTED,
    )
    client = member_client(registration)

    html = client.get(f"/portal/registrations/{registration.pk}/").content.decode()

    assert _step_links(html) == []
    assert "Submit the registration" not in html
    assert f"{registration.city.display_name} takes part in {cohort.name}." in html
    assert "Next: Matchmaking Days, from" in html
    assert '<time datetime="2026-07-01T07:00:00+00:00">1 July 2026</time>' in html
    # The step pages themselves still refuse a change.
    response = client.post(
        f"/portal/registrations/{registration.pk}/profile/", {"summary": "Changed"}
    )
    assert response.status_code == 403
    assert "This registration is accepted: it can no longer be changed." in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("state", "says"),
    [
        (RegistrationState.SUBMITTED, "The programme team is reviewing the registration"),
        (RegistrationState.WITHDRAWN, "The registration is withdrawn"),
    ],
)
def test_a_registration_that_cannot_change_offers_no_step(member_client, state, says):
    registration = RegistrationFactory(cohort=open_cohort(), state=state)
    client = member_client(registration)

    html = client.get(f"/portal/registrations/{registration.pk}/").content.decode()

    assert _step_links(html) == []
    assert says in html


def test_a_draft_after_its_window_offers_no_step_and_no_new_practice(member_client, time_machine):
    time_machine.move_to(_utc(2026, 4, 10, 12), tick=False)
    cohort = CohortFactory()
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_MINDED_REGISTRATION,
        starts_at=_utc(2026, 2, 2, 8),
        ends_at=_utc(2026, 3, 31, 15),
    )
    registration = RegistrationFactory(cohort=cohort, state=RegistrationState.DRAFT)
    client = member_client(registration)

    html = client.get(f"/portal/registrations/{registration.pk}/").content.decode()

    assert _step_links(html) == []
    assert "Add a practice" not in html
    assert "Registration of Mission-minded cities closed on 31 March 2026, 17:00 CEST." in html
    assert client.get(f"/portal/registrations/{registration.pk}/practices/new/").status_code == (
        409
    )


def test_a_draft_in_its_window_offers_every_step(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.DRAFT)
    client = member_client(registration)

    html = client.get(f"/portal/registrations/{registration.pk}/").content.decode()

    assert _step_links(html) == ["city", "eligibility", "profile", "projects"]
    assert "Add a practice" in html


def test_only_practices_that_can_change_link_to_their_form(member_client):
    registration = RegistrationFactory(cohort=open_cohort(), state=RegistrationState.ACCEPTED)
    draft = PracticeFactory(registration=registration, title="A draft", state=PracticeState.DRAFT)
    published = PracticeFactory(
        registration=registration, title="Published", state=PracticeState.PUBLISHED
    )
    client = member_client(registration)

    html = client.get(f"/portal/registrations/{registration.pk}/").content.decode()

    assert f'<a href="/portal/practices/{draft.pk}/">A draft</a>' in html
    assert f'<a href="/practices/{published.slug}/">Published</a>' in html
    assert f"/portal/practices/{published.pk}/" not in html
