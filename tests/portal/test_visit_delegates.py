"""The visit form takes each delegate once, whatever the browser sends."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories.year import visit_to, year_twinning
from twinning.visits.domain import plan_visit
from twinning.visits.models import Visit

pytestmark = pytest.mark.django_db


def _cities(twinning):
    members = {m.role: m.city for m in twinning.members.all()}
    return members["mission"], members["mission_minded"]


def _miguel_choice(client, url):
    form = client.get(url).context["form"]
    return next(pk for pk, label in form.fields["delegates"].choices if "Miguel" in label)


def test_a_delegate_sent_twice_on_a_new_visit_is_taken_once(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    client.force_login(miguel)
    url = reverse("portal:visit_new", args=[twinning.pk])
    choice = _miguel_choice(client, url)
    today = timezone.localdate()

    response = client.post(
        url,
        {"host": torino.pk, "starts_on": today.isoformat(),
         "ends_on": (today + dt.timedelta(days=1)).isoformat(), "agenda": "The solar district",
         "delegates": [choice, choice]},
    )  # fmt: skip

    visit = Visit.objects.get()
    assert response.status_code == 302
    assert [(d.person, d.city) for d in visit.delegates.all()] == [(miguel, evora)]


def test_a_delegate_sent_twice_on_a_changed_visit_is_taken_once(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)])
    client.force_login(miguel)
    url = reverse("portal:visit_edit", args=[twinning.pk, visit.pk])
    choice = _miguel_choice(client, url)

    response = client.post(
        url,
        {"host": torino.pk, "starts_on": visit.starts_on.isoformat(),
         "ends_on": visit.ends_on.isoformat(), "agenda": "Roofs", "delegates": [choice, choice]},
    )  # fmt: skip

    visit.refresh_from_db()
    assert response.status_code == 302
    assert (visit.agenda, [(d.person, d.city) for d in visit.delegates.all()]) == (
        "Roofs",
        [(miguel, evora)],
    )


def test_the_domain_refuses_a_person_named_twice_in_the_delegation():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)

    with pytest.raises(ValidationError) as error:
        plan_visit(
            twinning,
            host=torino,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
            agenda="Roofs",
            delegates=[(miguel, evora), (miguel, evora)],
            by=miguel,
        )

    assert error.value.messages == [
        "Each person travels once: name them for one city of the delegation only."
    ]
    assert Visit.objects.count() == 0
