"""Small helpers for putting translated labels inside sentences."""

from django.utils import translation

# Languages whose nouns keep their capital inside a sentence.
_CAPITALISED_NOUNS = ("de",)


def in_sentence(label) -> str:
    """A label (e.g. a state, "Submitted") as a word inside a sentence of the active language.

    English and most languages write it in lower case; German keeps its nouns capitalised,
    so the label is left as it is.
    """
    text = str(label)
    language = (translation.get_language() or "").split("-")[0]
    return text if language in _CAPITALISED_NOUNS else text.lower()
