import pytest


@pytest.fixture
def organiser(db):
    from tests.factories.selection import QuickOrganiserFactory

    return QuickOrganiserFactory(email="orga@example.org")
