import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

# The programme's own models; other apps' admin pages keep Django's own permissions.
PROGRAMME_MODELS = [m for m in admin.site._registry if m.__module__.startswith("twinning.")]


def test_every_admin_list_opens_for_organisers(organiser_client):
    statuses = {
        model._meta.label: organiser_client.get(
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        ).status_code
        for model in PROGRAMME_MODELS
    }

    assert set(statuses.values()) == {200}, statuses


def test_every_admin_list_is_refused_to_a_city_representative(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    statuses = {
        client.get(
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        ).status_code
        for model in PROGRAMME_MODELS
    }

    assert statuses == {302}


def test_an_organisers_change_in_the_admin_is_in_the_audit_trail(organiser_client, organiser):
    from tests.factories import CityFactory
    from twinning.common.models import AuditEntry

    city = CityFactory(name="Sonderborg")
    url = reverse("admin:cities_city_change", args=[city.pk])
    form = organiser_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in ((f, form[f].value()) for f in form.fields)
        if value is not None
    }
    data["name"] = "Sønderborg"

    response = organiser_client.post(url, data)

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.changed")
    assert (entry.actor, entry.object_id, entry.object_repr) == (
        organiser,
        str(city.pk),
        str(CityFactory._meta.model.objects.get(pk=city.pk)),
    )
    assert entry.data == {"changes": [{"changed": {"fields": ["Name"]}}]}


def test_an_organisers_deletion_in_the_admin_is_in_the_audit_trail(organiser_client, organiser):
    from tests.factories import CityFactory
    from twinning.common.models import AuditEntry

    city = CityFactory(name="Võru")
    url = reverse("admin:cities_city_delete", args=[city.pk])

    response = organiser_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.deleted")
    assert (entry.actor, entry.object_id, entry.object_repr) == (organiser, str(city.pk), "Võru")


def test_a_persons_admin_page_lists_the_cities_they_belong_to(organiser_client):
    from tests.factories import CityFactory, MembershipFactory, UserFactory

    person = UserFactory()
    MembershipFactory(user=person, city=CityFactory(name="Évora"))

    page = organiser_client.get(reverse("admin:accounts_user_change", args=[person.pk]))

    assert page.status_code == 200
    assert "Évora" in page.content.decode()
