import pytest

from twinning.cities.domain import load_mission_cities, read_mission_list
from twinning.cities.models import City

pytestmark = pytest.mark.django_db


def test_mission_list_has_112_entries_in_35_countries():
    rows = read_mission_list()

    assert len(rows) == 112
    assert len({row["country"] for row in rows}) == 35


def test_load_mission_cities_matches_every_row_but_gozo():
    report = load_mission_cities()

    assert [row["name"] for row in report.unmatched] == ["Gozo"]
    assert City.objects.filter(is_mission_city=True).count() == 112
    assert City.objects.get(name="Gozo").geonames_id is None


def test_load_mission_cities_keeps_accents_and_english_names():
    load_mission_cities()

    izmir = City.objects.get(name="İzmir")
    den_haag = City.objects.get(name="Den Haag")
    assert (izmir.country, izmir.geonames_id) == ("TR", 311046)
    assert den_haag.display_name == "Den Haag (The Hague)"


def test_load_mission_cities_makes_a_joint_entry_with_its_members():
    load_mission_cities()

    joint = City.objects.get(name="Eindhoven & Helmond")
    assert joint.is_mission_city is True
    assert sorted(joint.members.values_list("name", flat=True)) == ["Eindhoven", "Helmond"]
    assert joint.members.filter(is_mission_city=True).count() == 0


def test_load_mission_cities_twice_changes_nothing():
    load_mission_cities()
    count = City.objects.count()

    report = load_mission_cities()

    assert (len(report.created), len(report.updated), City.objects.count()) == (0, 0, count)
