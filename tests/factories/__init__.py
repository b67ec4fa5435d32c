import datetime as dt

import factory
from django.utils import timezone

from twinning.accounts.models import User
from twinning.cities.enums import CityKind, MembershipRole, RegistrationState
from twinning.cities.models import City, Membership, PartnerProject, Registration
from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Cohort, Milestone, Webinar

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class OrganiserFactory(UserFactory):
    is_organiser = True


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"Città {n}")
    name_en = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "IT"
    geonames_id = factory.Sequence(lambda n: 90_000_000 + n)


class MissionCityFactory(CityFactory):
    is_mission_city = True


class PartnerProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerProject

    acronym = factory.Sequence(lambda n: f"PROJ{n}")
    title = factory.Sequence(lambda n: f"Project number {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(CityFactory)
    role = MembershipRole.COORDINATOR


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Cohort {o.number}")
    slug = factory.LazyAttribute(lambda o: f"cohort-{o.number}")
    is_published = True


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    cohort = factory.SubFactory(CohortFactory)
    kind = MilestoneKind.MISSION_MINDED_REGISTRATION
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(days=30))
    time_zone = "Europe/Brussels"


class WebinarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Webinar

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Information webinar {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
    time_zone = "Europe/Brussels"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    cohort = factory.SubFactory(CohortFactory)
    city = factory.SubFactory(CityFactory)
    kind = CityKind.MISSION_MINDED
    state = RegistrationState.ACCEPTED


def cohort_with_three_windows(now=None, **cohort_fields):
    """A cohort whose Mission-minded registration is over, Mission registration open now,
    and Matchmaking Days still to come; returns (cohort, past, open, upcoming)."""
    now = now or timezone.now()
    cohort = CohortFactory(**cohort_fields)
    windows = [
        (MilestoneKind.MISSION_MINDED_REGISTRATION, -60, -30),
        (MilestoneKind.MISSION_REGISTRATION, -1, 20),
        (MilestoneKind.MATCHMAKING, 30, 60),
    ]
    milestones = [
        MilestoneFactory(
            cohort=cohort,
            kind=kind,
            starts_at=now + dt.timedelta(days=start),
            ends_at=now + dt.timedelta(days=end),
        )
        for kind, start, end in windows
    ]
    return (cohort, *milestones)
