from tests.factories.selection import QuickOrganiserFactory, QuickUserFactory
from twinning.accounts.domain.api_tokens import issue_token


def key_for(user, name: str = "Reports") -> str:
    """A new API key of `user`, issued as an organiser page would."""
    _token, key = issue_token(user, name=name, by=user)
    return key


def organiser_key(**fields) -> str:
    return key_for(QuickOrganiserFactory(**fields))


def person_key(**fields) -> str:
    return key_for(QuickUserFactory(**fields))
