import datetime as dt

import factory
from django.utils import timezone

from tests.factories import CityFactory, CohortFactory, RegistrationFactory
from twinning.cities.enums import RegistrationState
from twinning.cities.models import Invitation
from twinning.practices.enums import PracticeStage, PracticeState
from twinning.practices.models import Practice
from twinning.themes.models import Theme


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


def open_cohort(*kinds, **cohort_fields):
    """A published cohort whose registration windows of `kinds` are open now."""
    from tests.factories import MilestoneFactory
    from twinning.cohorts.enums import MilestoneKind

    cohort = CohortFactory(**cohort_fields)
    for kind in kinds or [MilestoneKind.MISSION_MINDED_REGISTRATION]:
        MilestoneFactory(
            cohort=cohort,
            kind=kind,
            starts_at=timezone.now() - dt.timedelta(days=5),
            ends_at=timezone.now() + dt.timedelta(days=20),
        )
    return cohort


def complete_registration(registration, *, with_practice=True):
    """Fill in everything a Mission-minded registration needs before it can be submitted."""
    from tests.factories import PartnerProjectFactory
    from twinning.cities.enums import AuthorityType, CityKind

    city = registration.city
    city.summary = "A mid-sized city with a climate plan."
    city.save(update_fields=["summary"])
    if registration.kind == CityKind.MISSION_MINDED:
        registration.authority_type = AuthorityType.LOCAL_AUTHORITY
        registration.climate_commitment = "Council decision of 2021 to be climate neutral by 2040."
        registration.hours_per_month = 12
        registration.representatives_committed = 2
        registration.save()
        registration.partner_projects.add(PartnerProjectFactory())
        if with_practice:
            PracticeFactory(
                registration=registration,
                state=PracticeState.DRAFT,
                published_at=None,
                themes=["energy-systems"],
            )
    else:
        from twinning.cities.models import Ambition

        registration.working_languages = "English, Italian"
        registration.representatives = "Marta Rossi, climate officer, marta@example.org"
        registration.save()
        Ambition.objects.create(
            registration=registration,
            theme=Theme.objects.get(code="mobility-transport"),
            text="Fewer cars in the centre.",
        )
    return registration
