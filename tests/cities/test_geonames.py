from twinning.cities.domain.geonames import fold, match_city, search_cities


def test_fold_ignores_case_and_accents():
    assert fold("İzmir") == fold("izmir")
    assert fold("Košice") == "kosice"


def test_match_city_finds_accented_names_typed_without_accents():
    assert match_city(["Kosice"], "SK").name == "Košice"
    assert match_city(["Pecs"], "HU").name == "Pécs"


def test_match_city_finds_an_english_exonym():
    torino = match_city(["Turin"], "IT")

    assert (torino.geonames_id, torino.name) == (3165524, "Turin")


def test_match_city_takes_the_most_populous_namesake():
    assert match_city(["Frankfurt am Main"], "DE").geonames_id == 2925533


def test_match_city_none_for_an_unknown_name():
    assert match_city(["Gozo"], "MT") is None


def test_search_cities_by_prefix_most_populous_first():
    found = search_cities("sonder", country="DK")

    assert found[0].name == "Sønderborg"


def test_search_cities_needs_two_letters():
    assert search_cities("s") == []
