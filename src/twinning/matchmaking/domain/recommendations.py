"""Recommended twins: for a Mission city, the Mission-minded cities whose practices fit its
ambitions; for a Mission-minded city, the Mission cities whose ambitions its practices answer.

Every reason shown comes from the data: a shared theme, similar populations, the same
country, or a practice text that answers a challenge (quoting the terms both use).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Ambition, City, Registration
from twinning.common import clock
from twinning.matchmaking.domain import fit as scoring
from twinning.matchmaking.models import DayParticipation
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice
from twinning.selection.models import Interest, Preference
from twinning.themes.enums import ThemeKind

# A score (0 to 1) from which a fit is called strong, and good.
STRONG_FIT = 0.5
GOOD_FIT = 0.25
# Words of a challenge quoted in a reason; the full text is on the city's registration.
QUOTED_WORDS = 16


@dataclass
class MatchmakingLink:
    """Where to meet the recommended city at an open Matchmaking Day (`day` is its name)."""

    day: str
    url: str
    both_take_part: bool


@dataclass
class Recommendation:
    city: City
    score: float
    reasons: list[str]
    practices: list[Practice]
    marked: bool = False
    matchmaking: MatchmakingLink | None = None

    @property
    def fit_label(self) -> str:
        if self.score >= STRONG_FIT:
            return _("Strong fit")
        if self.score >= GOOD_FIT:
            return _("Good fit")
        return _("Possible fit")

    @property
    def fit_level(self) -> str:
        """A stable name for the label, for styles and tests."""
        if self.score >= STRONG_FIT:
            return "strong"
        return "good" if self.score >= GOOD_FIT else "possible"


@dataclass
class CohortFits:
    """What the scores of a cohort are computed from, loaded in a fixed number of queries."""

    cohort: object
    registrations: dict[int, Registration] = field(default_factory=dict)
    seekers: dict[int, scoring.Seeker] = field(default_factory=dict)
    providers: dict[int, scoring.Provider] = field(default_factory=dict)
    themes: dict[str, object] = field(default_factory=dict)
    ambitions: dict[int, Ambition] = field(default_factory=dict)
    practices: dict[int, Practice] = field(default_factory=dict)
    model: scoring.TextModel | None = None
    # Fits by (Mission city, Mission-minded city), computed once for both directions.
    pairs: dict = field(default_factory=dict)


def _practice_text(practice: Practice) -> str:
    return "\n".join(
        [practice.title, practice.summary, practice.description, practice.replication_needs]
    )


def load_cohort_fits(cohort, *, including=None) -> CohortFits:
    """Accepted cities of the cohort (and `including`, a city whose registration is still
    under way), their ambitions and published practices, and the text model of them all."""
    wanted = Q(state=RegistrationState.ACCEPTED)
    if including is not None:
        wanted |= Q(city=including) & ~Q(
            state__in=[RegistrationState.REJECTED, RegistrationState.WITHDRAWN]
        )
    registrations = list(
        Registration.objects.filter(wanted, cohort=cohort)
        .select_related("city")
        .prefetch_related(
            Prefetch("ambitions", Ambition.objects.select_related("theme")),
            Prefetch(
                "practices",
                Practice.objects.filter(state=PracticeState.PUBLISHED)
                .order_by("title", "pk")
                .prefetch_related("fields_of_action", "levers"),
            ),
        )
        .order_by("city__name", "city_id")
    )
    fits = CohortFits(cohort=cohort)
    for registration in registrations:
        city = registration.city
        fits.registrations[city.pk] = registration
        if registration.kind == CityKind.MISSION:
            ambitions = [a for a in registration.ambitions.all() if a.text.strip()]
            fits.ambitions.update((a.pk, a) for a in ambitions)
            themes = [a.theme for a in registration.ambitions.all()]
            fits.themes.update((t.code, t) for t in themes)
            fits.seekers[city.pk] = scoring.Seeker(
                key=city.pk,
                challenges=tuple(scoring.Challenge(a.pk, a.theme.code, a.text) for a in ambitions),
                fields=frozenset(t.code for t in themes if t.kind == ThemeKind.FIELD_OF_ACTION),
                levers=frozenset(t.code for t in themes if t.kind == ThemeKind.LEVER),
                population=city.population,
                country=city.country,
            )
        else:
            practices = list(registration.practices.all())
            texts = []
            for practice in practices:
                fits.practices[practice.pk] = practice
                fields = list(practice.fields_of_action.all())
                levers = list(practice.levers.all())
                fits.themes.update((t.code, t) for t in fields + levers)
                texts.append(
                    scoring.PracticeText(
                        key=practice.pk,
                        text=_practice_text(practice),
                        fields=frozenset(t.code for t in fields),
                        levers=frozenset(t.code for t in levers),
                    )
                )
            fits.providers[city.pk] = scoring.Provider(
                key=city.pk,
                practices=tuple(texts),
                population=city.population,
                country=city.country,
            )
    fits.model = scoring.text_model(list(fits.seekers.values()), list(fits.providers.values()))
    return fits


def _accepted(fits: CohortFits, city_pk: int) -> bool:
    return fits.registrations[city_pk].state == RegistrationState.ACCEPTED


def _theme_names(fits: CohortFits, codes) -> str:
    themes = sorted((fits.themes[code] for code in codes), key=lambda t: (t.position, t.name))
    return ", ".join(t.label for t in themes)


def _quote_terms(terms) -> str:
    return ", ".join(f"“{term}”" for term in terms)


class _Wording:
    """The reasons' sentences, translated once for a list rather than once per reason."""

    def __init__(self, fits: CohortFits, *, for_mission_city: bool):
        self.fits = fits
        self.for_mission_city = for_mission_city
        if for_mission_city:
            self.answers = _(
                "Practice “%(practice)s” answers your challenge “%(challenge)s” (%(terms)s)"
            )
        else:
            self.answers = _(
                "Your practice “%(practice)s” answers their challenge “%(challenge)s” (%(terms)s)"
            )
        self.country = _("Same country: %(country)s")
        self._plurals = {}
        self._quotes = {}
        self._populations = {}

    def plural(self, kind: str, count: int) -> str:
        if (kind, count) not in self._plurals:
            if kind == "fields":
                text = ngettext(
                    "Shared field of action: %(themes)s",
                    "Shared fields of action: %(themes)s",
                    count,
                )
            else:
                text = ngettext("Shared lever: %(themes)s", "Shared levers: %(themes)s", count)
            self._plurals[kind, count] = text
        return self._plurals[kind, count]

    def size(self, other_pk: int, own_pk: int) -> str:
        # The noun agrees with the other city's figure, which comes first.
        other = self.fits.registrations[other_pk].city.population
        return ngettext(
            "Similar size: %(other)s inhabitant, and %(own)s in your city",
            "Similar size: %(other)s inhabitants, and %(own)s in your city",
            other,
        ) % {"other": self.population(other_pk), "own": self.population(own_pk)}

    def quote(self, ambition_pk: int) -> str:
        if ambition_pk not in self._quotes:
            text = self.fits.ambitions[ambition_pk].text
            self._quotes[ambition_pk] = Truncator(text).words(QUOTED_WORDS)
        return self._quotes[ambition_pk]

    def population(self, city_pk: int) -> str:
        if city_pk not in self._populations:
            population = self.fits.registrations[city_pk].city.population
            self._populations[city_pk] = number_format(population, force_grouping=True)
        return self._populations[city_pk]

    def reasons(self, result: scoring.Fit) -> list[str]:
        """The reasons of a fit, worded for the city that reads them."""
        fits = self.fits
        reasons = [
            self.answers
            % {
                "practice": fits.practices[match.practice].title,
                "challenge": self.quote(match.challenge),
                "terms": _quote_terms(match.terms),
            }
            for match in result.text_matches
        ]
        if result.shared_fields:
            reasons.append(
                self.plural("fields", len(result.shared_fields))
                % {"themes": _theme_names(fits, result.shared_fields)}
            )
        if result.shared_levers:
            reasons.append(
                self.plural("levers", len(result.shared_levers))
                % {"themes": _theme_names(fits, result.shared_levers)}
            )
        if result.similar_size:
            own, other = (result.seeker, result.provider)
            if not self.for_mission_city:
                own, other = other, own
            reasons.append(self.size(other, own))
        if result.same_country:
            country = fits.registrations[result.provider].city.country_name
            reasons.append(self.country % {"country": country})
        return reasons


def _open_days(cohort) -> dict[int, list[dict]]:
    """Cities' places at the cohort's Matchmaking Days that still take requests, by city."""
    by_city = {}
    for participation in (
        DayParticipation.objects.filter(day__cohort=cohort, day__request_deadline__gt=clock.now())
        .order_by("day__request_deadline", "day_id")
        .values("city_id", "day_id", "day__name")
    ):
        by_city.setdefault(participation["city_id"], []).append(participation)
    return by_city


def _matchmaking_link(days_by_city, own_pk: int, other_pk: int) -> MatchmakingLink | None:
    theirs = days_by_city.get(other_pk, [])
    own_days = {p["day_id"] for p in days_by_city.get(own_pk, [])}
    for participation in theirs:
        if participation["day_id"] in own_days:
            url = reverse(
                "portal:matchmaking_request_new", args=[participation["day_id"], own_pk, other_pk]
            )
            return MatchmakingLink(participation["day__name"], url, both_take_part=True)
    if theirs:
        url = reverse("portal:matchmaking_city", args=[theirs[0]["day_id"], own_pk])
        return MatchmakingLink(theirs[0]["day__name"], url, both_take_part=False)
    return None


def recommendations_from(fits: CohortFits, city: City, *, days_by_city=None, marked=()):
    """Ranked recommendations for `city` from loaded data (no queries)."""
    days_by_city = days_by_city or {}
    if city.pk in fits.seekers:
        results = scoring.providers_for(
            fits.model,
            fits.seekers[city.pk],
            [p for key, p in fits.providers.items() if _accepted(fits, key)],
            fits.pairs,
        )
        other_of = lambda result: result.provider  # noqa: E731
        for_mission_city = True
    elif city.pk in fits.providers:
        results = scoring.seekers_for(
            fits.model,
            fits.providers[city.pk],
            [s for key, s in fits.seekers.items() if _accepted(fits, key)],
            fits.pairs,
        )
        other_of = lambda result: result.seeker  # noqa: E731
        for_mission_city = False
    else:
        return []
    wording = _Wording(fits, for_mission_city=for_mission_city)
    recommendations = []
    for result in results:
        other = other_of(result)
        recommendations.append(
            Recommendation(
                city=fits.registrations[other].city,
                score=result.score,
                reasons=wording.reasons(result),
                practices=[fits.practices[key] for key in result.practices],
                marked=other in marked,
                matchmaking=_matchmaking_link(days_by_city, city.pk, other),
            )
        )
    return recommendations


def recommendations_for(cohort, city: City) -> list[Recommendation]:
    """The ranked recommendations for a city of the cohort, each with its reasons.

    A Mission city's are marked when already in its preferences; a Mission-minded
    city's when already among its interests. Empty when the city has no registration.
    """
    fits = load_cohort_fits(cohort, including=city)
    if city.pk in fits.seekers:
        marked = set(
            Preference.objects.filter(cohort=cohort, mission_city=city).values_list(
                "mission_minded_city_id", flat=True
            )
        )
    else:
        marked = set(
            Interest.objects.filter(cohort=cohort, mission_minded_city=city).values_list(
                "mission_city_id", flat=True
            )
        )
    return recommendations_from(fits, city, days_by_city=_open_days(cohort), marked=marked)


def all_recommendations(cohort) -> dict[int, list[Recommendation]]:
    """Recommendations for every accepted city of the cohort, from one load."""
    fits = load_cohort_fits(cohort)
    return {
        pk: recommendations_from(fits, registration.city)
        for pk, registration in fits.registrations.items()
    }
