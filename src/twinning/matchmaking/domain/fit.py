"""How well a Mission-minded city's practices fit a Mission city's ambitions.

Pure Python with scikit-learn, no database: dataclasses in, dataclasses out.
The same `Fit` of a pair serves both directions (a Mission city looking for
twins, a Mission-minded city looking for Mission cities), so the two lists
cannot disagree. Text similarity is TF-IDF fitted in memory on the texts given,
nothing is downloaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import TfidfVectorizer, strip_accents_unicode

# Weights of the parts of a score; they add up to 1, so a score is between 0 and 1.
# A practice whose text answers a stated challenge is the most concrete sign of fit.
WEIGHT_TEXT = 0.35
# The same field of action (energy, mobility...) is what cities first look for in a twin.
WEIGHT_FIELDS = 0.30
# Shared levers (finance, governance, participation, data) are the programme's focus themes.
WEIGHT_LEVERS = 0.20
# A solution tested in a city of similar size is easier to replicate.
WEIGHT_SIZE = 0.10
# A shared national framework and language help, but twinning is meant to cross borders.
WEIGHT_COUNTRY = 0.05

# Below this cosine two short texts share little more than common words.
TEXT_MIN_SIMILARITY = 0.08
# A cosine of this much between a short challenge and a practice is already a close answer.
TEXT_FULL_MARK = 0.35
# Populations within this factor of each other count as a similar size.
SIMILAR_SIZE_RATIO = 2.5
# How many terms a text reason quotes, and how many practices a fit names.
QUOTED_TERMS = 3
BEST_PRACTICES = 3


@dataclass(frozen=True)
class Challenge:
    """One stated ambition of a Mission city: its theme and its text."""

    key: int
    theme: str
    text: str


@dataclass(frozen=True)
class PracticeText:
    key: int
    text: str
    fields: frozenset[str] = frozenset()
    levers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Seeker:
    """A Mission city: its ambitions (whose themes are fields of action or levers)."""

    key: int
    challenges: tuple[Challenge, ...] = ()
    fields: frozenset[str] = frozenset()
    levers: frozenset[str] = frozenset()
    population: int | None = None
    country: str = ""


@dataclass(frozen=True)
class Provider:
    """A Mission-minded city: its published practices."""

    key: int
    practices: tuple[PracticeText, ...] = ()
    population: int | None = None
    country: str = ""

    @property
    def fields(self) -> frozenset[str]:
        return frozenset().union(*(p.fields for p in self.practices))

    @property
    def levers(self) -> frozenset[str]:
        return frozenset().union(*(p.levers for p in self.practices))


@dataclass(frozen=True)
class TextMatch:
    """A practice whose text answers a challenge, with the terms both use most."""

    challenge: int
    practice: int
    similarity: float
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Fit:
    seeker: int
    provider: int
    score: float
    shared_fields: frozenset[str] = frozenset()
    shared_levers: frozenset[str] = frozenset()
    similar_size: bool = False
    same_country: bool = False
    text_matches: tuple[TextMatch, ...] = ()
    practices: tuple[int, ...] = field(default=())

    @property
    def has_reasons(self) -> bool:
        """Size and country alone do not make a twin: a theme or a text must match."""
        return bool(self.shared_fields or self.shared_levers or self.text_matches)


class TextModel:
    """TF-IDF vectors of every challenge and practice text, fitted once on all of them."""

    def __init__(self, challenges: dict[int, str], practices: dict[int, str]):
        self._challenge_row = {key: i for i, key in enumerate(challenges)}
        self._practice_row = {key: i for i, key in enumerate(practices)}
        texts = list(challenges.values()) + list(practices.values())
        self._texts = ({k: _plain(t) for k, t in challenges.items()}, {})
        self._texts[1].update((k, _plain(t)) for k, t in practices.items())
        self._similarity = None
        self._rows = {}
        if not challenges or not practices:
            return
        vectorizer = TfidfVectorizer(
            stop_words="english", sublinear_tf=True, ngram_range=(1, 2), strip_accents="unicode"
        )
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:  # only stop words: nothing to compare
            return
        self._terms = vectorizer.get_feature_names_out()
        self._challenges = matrix[: len(challenges)].tocsr()
        self._practices = matrix[len(challenges) :].tocsr()
        # Rows are L2-normalised, so the dot product is the cosine.
        self._similarity = (self._challenges @ self._practices.T).toarray()

    def _weights(self, matrix, row: int) -> dict[int, float]:
        """A row's weights by term column, read once from the sparse matrix (it is fast)."""
        key = (id(matrix), row)
        if key not in self._rows:
            start, end = matrix.indptr[row], matrix.indptr[row + 1]
            self._rows[key] = dict(
                zip(
                    matrix.indices[start:end].tolist(), matrix.data[start:end].tolist(), strict=True
                )
            )
        return self._rows[key]

    def similarity(self, challenge: int, practice: int) -> float:
        if self._similarity is None:
            return 0.0
        return float(self._similarity[self._challenge_row[challenge], self._practice_row[practice]])

    def shared_terms(self, challenge: int, practice: int, limit: int = QUOTED_TERMS) -> tuple:
        """The terms that weigh most in both texts; a phrase hides the words it contains."""
        if self._similarity is None:
            return ()
        a = self._weights(self._challenges, self._challenge_row[challenge])
        b = self._weights(self._practices, self._practice_row[practice])
        ranked = sorted(
            (-weight * b[column], column) for column, weight in a.items() if column in b
        )
        terms = [str(self._terms[column]) for _weight, column in ranked]
        # A phrase is quoted only as both texts write it, not joined across a stop word.
        quoted = (self._texts[0][challenge], self._texts[1][practice])
        terms = [t for t in terms if " " not in t or all(f" {t} " in q for q in quoted)]
        phrases = [t for t in terms if " " in t]
        words_in_phrases = {word for phrase in phrases for word in phrase.split()}
        chosen = [t for t in terms if " " in t or t not in words_in_phrases]
        return tuple(chosen[:limit])


def _plain(text: str) -> str:
    """Lower case, accents stripped, words between single spaces (and one at each end)."""
    words = re.findall(r"\w+", strip_accents_unicode(text.lower()))
    return f" {' '.join(words)} "


def _size_is_similar(a: int | None, b: int | None) -> bool:
    if not a or not b:
        return False
    return max(a, b) / min(a, b) <= SIMILAR_SIZE_RATIO


def fit(model: TextModel, seeker: Seeker, provider: Provider) -> Fit:
    """Score one pair and keep what the score comes from."""
    shared_fields = seeker.fields & provider.fields
    shared_levers = seeker.levers & provider.levers
    similar_size = _size_is_similar(seeker.population, provider.population)
    same_country = bool(seeker.country) and seeker.country == provider.country

    matches = []
    for challenge in seeker.challenges:
        best = None
        for practice in provider.practices:
            similarity = model.similarity(challenge.key, practice.key)
            if similarity >= TEXT_MIN_SIMILARITY and (best is None or similarity > best[0]):
                best = (similarity, practice.key)
        if best:
            terms = model.shared_terms(challenge.key, best[1])
            matches.append(TextMatch(challenge.key, best[1], best[0], terms))
    matches.sort(key=lambda m: (-m.similarity, m.challenge))

    text_part = 0.0
    if seeker.challenges:
        text_part = sum(min(1.0, m.similarity / TEXT_FULL_MARK) for m in matches) / len(
            seeker.challenges
        )
    field_part = len(shared_fields) / len(seeker.fields) if seeker.fields else 0.0
    lever_part = len(shared_levers) / len(seeker.levers) if seeker.levers else 0.0
    score = (
        WEIGHT_TEXT * text_part
        + WEIGHT_FIELDS * field_part
        + WEIGHT_LEVERS * lever_part
        + WEIGHT_SIZE * similar_size
        + WEIGHT_COUNTRY * same_country
    )
    return Fit(
        seeker=seeker.key,
        provider=provider.key,
        score=round(score, 4),
        shared_fields=shared_fields,
        shared_levers=shared_levers,
        similar_size=similar_size,
        same_country=same_country,
        text_matches=tuple(matches),
        practices=_best_practices(model, seeker, provider),
    )


def _best_practices(model: TextModel, seeker: Seeker, provider: Provider) -> tuple[int, ...]:
    """The provider's practices that share a theme or answer a challenge, best first."""
    scored = []
    for position, practice in enumerate(provider.practices):
        themes = len(practice.fields & seeker.fields) + len(practice.levers & seeker.levers)
        best_text = max(
            (model.similarity(c.key, practice.key) for c in seeker.challenges), default=0.0
        )
        if best_text < TEXT_MIN_SIMILARITY:
            best_text = 0.0
        if themes or best_text:
            scored.append((-(min(1.0, best_text / TEXT_FULL_MARK) + themes), position, practice))
    scored.sort(key=lambda t: t[:2])
    return tuple(practice.key for _s, _p, practice in scored[:BEST_PRACTICES])


def text_model(seekers: list[Seeker], providers: list[Provider]) -> TextModel:
    return TextModel(
        {c.key: c.text for s in seekers for c in s.challenges},
        {p.key: p.text for provider in providers for p in provider.practices},
    )


def rank(fits: list[Fit]) -> list[Fit]:
    """Fits with a reason, best first; equal scores keep the order they came in."""
    return sorted((f for f in fits if f.has_reasons), key=lambda f: -f.score)


def _fit_once(model, seeker: Seeker, provider: Provider, cache: dict | None) -> Fit:
    if cache is None:
        return fit(model, seeker, provider)
    key = (seeker.key, provider.key)
    if key not in cache:
        cache[key] = fit(model, seeker, provider)
    return cache[key]


def providers_for(
    model: TextModel, seeker: Seeker, providers: list[Provider], cache: dict | None = None
) -> list[Fit]:
    """Mission-minded cities for a Mission city, best first; `cache` keeps fits for reuse."""
    return rank([_fit_once(model, seeker, p, cache) for p in providers if p.key != seeker.key])


def seekers_for(
    model: TextModel, provider: Provider, seekers: list[Seeker], cache: dict | None = None
) -> list[Fit]:
    """Mission cities for a Mission-minded city, best first; `cache` keeps fits for reuse."""
    return rank([_fit_once(model, s, provider, cache) for s in seekers if s.key != provider.key])
