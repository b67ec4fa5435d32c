import datetime as dt

import factory
from django.utils import timezone

from tests.factories import CityFactory, CohortFactory, RegistrationFactory
from twinning.cities.enums import RegistrationState
from twinning.cities.models import Invitation
from twinning.practices.enums import PracticeStage, PracticeState
from twinning.practices.models import Practice, Theme


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    cohort = factory.SubFactory(CohortFactory)
    email = factory.Sequence(lambda n: f"invited{n}@city.example.org")
    city = factory.SubFactory(CityFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    registration = factory.SubFactory(RegistrationFactory, state=RegistrationState.ACCEPTED)
    title = factory.Sequence(lambda n: f"Practice number {n}")
    slug = factory.Sequence(lambda n: f"practice-number-{n}")
    summary = "A short summary of what the city did."
    description = "What was done, how and with whom."
    stage = PracticeStage.PILOTED
    state = PracticeState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        """themes=["energy-systems", "finance-funding"]: codes of fields and levers."""
        if not create or not extracted:
            return
        for theme in Theme.objects.filter(code__in=extracted):
            (self.fields_of_action if theme.kind == "field" else self.levers).add(theme)
