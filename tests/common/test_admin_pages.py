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
