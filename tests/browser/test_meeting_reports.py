"""After a Matchmaking Day: a city says which of its meetings took place, from its start
page, and the programme team reads it in the post-day report."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in, sign_out
from tests.factories import (
    CityFactory,
    CohortFactory,
    MembershipFactory,
    MilestoneFactory,
    MissionCityFactory,
    OrganiserFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.matchmaking import ParticipationFactory, accepted_meeting, matchmaking_day
from twinning.cities.enums import CityKind
from twinning.cohorts.enums import MilestoneKind
from twinning.matchmaking.models import Meeting

# Built on 1 April 2026; the day is 1 May 2026, 09:00-11:00 in Torino. The browser visits
# on 2 May, when the meetings are over and reports are open.
BUILT = dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.UTC)
VISITED = dt.datetime(2026, 5, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen_clock(time_machine):
    time_machine.move_to(BUILT, tick=False)
    return time_machine


def test_a_city_reports_a_no_show_and_the_organisers_see_it(frozen_clock, page):
    cohort = CohortFactory()
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MATCHMAKING,
        starts_at=BUILT,
        ends_at=BUILT + dt.timedelta(days=90),
    )
    torino = MissionCityFactory(name="Torino", name_en="Turin")
    evora = CityFactory(name="Évora", name_en="Évora")
    marta = UserFactory(email="marta@example.org", name="Marta Rossi")
    OrganiserFactory(email="team@example.org")
    MembershipFactory(user=marta, city=torino)
    day = matchmaking_day(cohort, name="Cities Mission Conference")
    for city, kind in ((torino, CityKind.MISSION), (evora, CityKind.MISSION_MINDED)):
        RegistrationFactory(cohort=cohort, city=city, kind=kind)
        ParticipationFactory(day=day, city=city, kind=kind)
    meeting = accepted_meeting(day, torino, evora)
    slot = day.slots.first()
    Meeting.objects.filter(pk=meeting.pk).update(
        published=True, published_slot=slot, published_table=1, slot=slot, table=1
    )
    day.published_at = BUILT
    day.save()
    frozen_clock.move_to(VISITED, tick=True)

    # The start page asks Torino to say what happened; the step leads to the agenda.
    sign_in(page, "marta@example.org")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Say which meetings of Cities Mission")).click()
    assert_accessible(page)
    meeting_fieldset = page.get_by_role("group", name=re.compile("Your meeting with Évora"))
    meeting_fieldset.get_by_label("The other city did not come").check()
    page.get_by_role("button", name="Save what happened").click()
    assert_accessible(page)
    expect(page.get_by_text("what happened at your meetings is saved")).to_be_visible()
    expect(meeting_fieldset.get_by_label("The other city did not come")).to_be_checked()
    page.goto(reverse("portal:home"))
    assert_accessible(page)
    expect(page.get_by_role("link", name=re.compile("Say which meetings"))).to_have_count(0)
    sign_out(page)

    # The programme team opens the day, then its post-day report.
    sign_in(page, "team@example.org")
    page.goto(reverse("orga:matchmaking_day", args=[day.pk]))
    assert_accessible(page)
    page.get_by_role("link", name="Post-day report").click()
    assert_accessible(page)
    row = page.get_by_role("row", name=re.compile("Torino.* – Évora"))
    expect(row).to_contain_text("A city did not come, says the other")
    expect(row).to_contain_text("Évora")
    expect(row).to_contain_text("not ticked")
